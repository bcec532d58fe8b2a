#ifndef CNNSH_IMAGE_CODEC_H
#define CNNSH_IMAGE_CODEC_H
#include <stddef.h>
#include <stdint.h>

/* Decodes a JPEG or PNG held in memory into 8-bit RGB, rows top to bottom, 3 bytes per pixel.
 * Grayscale is replicated, CMYK/YCCK converted, alpha dropped (as PIL's convert("RGB") and
 * TensorFlow's decode_image(channels=3) do). Returns a malloc'ed buffer the caller frees with
 * free(), or NULL with a reason in `error`. libjpeg reports errors through longjmp, which Swift
 * cannot catch; this C layer turns them into return values. An image of more than `max_pixels`
 * pixels is refused from its header, before any memory is taken for it. */
uint8_t *cnnsh_decode_image(const uint8_t *data, size_t size, size_t max_pixels, int *width, int *height,
                            char *error, size_t error_size);

/* Encodes 8-bit RGB (channels 3) or grayscale (channels 1) as PNG in memory. Returns a malloc'ed
 * buffer and its size, or NULL with a reason in `error`. */
uint8_t *cnnsh_encode_png(const uint8_t *pixels, int width, int height, int channels, size_t *size,
                          char *error, size_t error_size);

#endif
