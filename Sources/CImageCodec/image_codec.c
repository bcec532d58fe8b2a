/* JPEG and PNG decoding for cnnsh's image loaders, on libjpeg-turbo and libpng. */
#include "image_codec.h"
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <jpeglib.h>
#include <stdlib.h>
#include <string.h>

struct jpeg_failure {
    struct jpeg_error_mgr manager;
    jmp_buf escape;
    char *error;
    size_t error_size;
};

static void jpeg_fail(j_common_ptr cinfo) {
    struct jpeg_failure *f = (struct jpeg_failure *)cinfo->err;
    char text[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, text);
    snprintf(f->error, f->error_size, "JPEG: %s", text);
    longjmp(f->escape, 1);
}

/* Corrupt-data warnings (a truncated file decodes with grey at the end) are not fatal in
 * libjpeg; treat them as errors so a damaged photo is reported, not trained on. */
static void jpeg_warn(j_common_ptr cinfo, int level) {
    if (level < 0) jpeg_fail(cinfo);
}

static uint8_t *decode_jpeg(const uint8_t *data, size_t size, size_t max_pixels, int *width, int *height,
                            char *error, size_t error_size) {
    struct jpeg_decompress_struct cinfo;
    struct jpeg_failure failure;
    uint8_t *volatile pixels = NULL;
    uint8_t *volatile row = NULL;
    cinfo.err = jpeg_std_error(&failure.manager);
    failure.manager.error_exit = jpeg_fail;
    failure.manager.emit_message = jpeg_warn;
    failure.error = error;
    failure.error_size = error_size;
    if (setjmp(failure.escape)) {
        jpeg_destroy_decompress(&cinfo);
        free(pixels);
        free(row);
        return NULL;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)size);
    jpeg_read_header(&cinfo, TRUE);
    /* A few hundred corrupt bytes can claim 65535x65535 pixels: refuse before decoding. */
    if ((size_t)cinfo.image_width * cinfo.image_height > max_pixels) {
        snprintf(error, error_size, "it claims %ux%u pixels, more than the %zu allowed",
                 (unsigned)cinfo.image_width, (unsigned)cinfo.image_height, max_pixels);
        jpeg_destroy_decompress(&cinfo);
        return NULL;
    }
    int cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
    cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_start_decompress(&cinfo);
    int w = (int)cinfo.output_width, h = (int)cinfo.output_height, c = cinfo.output_components;
    pixels = malloc((size_t)w * h * 3);
    row = malloc((size_t)w * c);
    if (!pixels || !row) {
        snprintf(error, error_size, "out of memory for a %dx%d image", w, h);
        jpeg_destroy_decompress(&cinfo);
        free(pixels);
        free(row);
        return NULL;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        uint8_t *out = pixels + (size_t)cinfo.output_scanline * w * 3;
        JSAMPROW rows[1] = {row};
        jpeg_read_scanlines(&cinfo, rows, 1);
        for (int x = 0; x < w; x++) {
            if (cmyk) {
                /* Adobe's CMYK JPEGs store inverted values: the ink-free amount. */
                int k = row[x * 4 + 3];
                out[x * 3 + 0] = (uint8_t)(row[x * 4 + 0] * k / 255);
                out[x * 3 + 1] = (uint8_t)(row[x * 4 + 1] * k / 255);
                out[x * 3 + 2] = (uint8_t)(row[x * 4 + 2] * k / 255);
            } else {
                out[x * 3 + 0] = row[x * 3 + 0];
                out[x * 3 + 1] = row[x * 3 + 1];
                out[x * 3 + 2] = row[x * 3 + 2];
            }
        }
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    free(row);
    *width = w;
    *height = h;
    return pixels;
}

static uint8_t *decode_png(const uint8_t *data, size_t size, size_t max_pixels, int *width, int *height,
                           char *error, size_t error_size) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, data, size)) {
        snprintf(error, error_size, "PNG: %s", image.message);
        return NULL;
    }
    /* 16-bit samples without a gAMA/sRGB chunk are plain values to scale to 8 bits (as
     * TensorFlow does), not linear light to gamma-encode: libpng assumes the latter. */
    image.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
    /* Read with alpha, then drop it: no compositing, as PIL's convert("RGB") does. */
    image.format = PNG_FORMAT_RGBA;
    size_t w = image.width, h = image.height;
    if (w * h > max_pixels) {
        snprintf(error, error_size, "it claims %zux%zu pixels, more than the %zu allowed", w, h, max_pixels);
        png_image_free(&image);
        return NULL;
    }
    uint8_t *rgba = malloc(w * h * 4);
    if (!rgba) {
        png_image_free(&image);
        snprintf(error, error_size, "out of memory for a %zux%zu image", w, h);
        return NULL;
    }
    if (!png_image_finish_read(&image, NULL, rgba, 0, NULL)) {
        snprintf(error, error_size, "PNG: %s", image.message);
        free(rgba);
        return NULL;
    }
    for (size_t i = 0; i < w * h; i++) {
        rgba[i * 3 + 0] = rgba[i * 4 + 0];
        rgba[i * 3 + 1] = rgba[i * 4 + 1];
        rgba[i * 3 + 2] = rgba[i * 4 + 2];
    }
    *width = (int)w;
    *height = (int)h;
    return rgba;
}

uint8_t *cnnsh_decode_image(const uint8_t *data, size_t size, size_t max_pixels, int *width, int *height,
                            char *error, size_t error_size) {
    static const uint8_t png_signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (size == 0) {
        snprintf(error, error_size, "the file is empty");
        return NULL;
    }
    if (size >= 8 && memcmp(data, png_signature, 8) == 0)
        return decode_png(data, size, max_pixels, width, height, error, error_size);
    if (size >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        return decode_jpeg(data, size, max_pixels, width, height, error, error_size);
    snprintf(error, error_size, "not a JPEG or PNG image");
    return NULL;
}

uint8_t *cnnsh_encode_png(const uint8_t *pixels, int width, int height, int channels, size_t *size,
                          char *error, size_t error_size) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = (png_uint_32)width;
    image.height = (png_uint_32)height;
    image.format = channels == 1 ? PNG_FORMAT_GRAY : PNG_FORMAT_RGB;
    png_alloc_size_t needed = 0;
    if (!png_image_write_to_memory(&image, NULL, &needed, 0, pixels, 0, NULL)) {
        snprintf(error, error_size, "PNG: %s", image.message);
        return NULL;
    }
    uint8_t *out = malloc(needed);
    if (!out) {
        snprintf(error, error_size, "out of memory");
        return NULL;
    }
    if (!png_image_write_to_memory(&image, out, &needed, 0, pixels, 0, NULL)) {
        snprintf(error, error_size, "PNG: %s", image.message);
        free(out);
        return NULL;
    }
    *size = needed;
    return out;
}
