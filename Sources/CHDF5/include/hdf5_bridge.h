/* A small C face on libhdf5 for Keras's weight files: HDF5's own type constants are macros
 * Swift cannot import. Paths are HDF5 paths ("layers/conv2d/vars/0"). Every function returns
 * a negative number on failure; HDF5's own error printing is switched off. */
#ifndef HDF5_BRIDGE_H
#define HDF5_BRIDGE_H
#include <stdint.h>

int64_t h5b_open(const char *path);            /* read-only */
int64_t h5b_create(const char *path);          /* truncates */
void h5b_close(int64_t file);
/* 1 if the object exists, 0 if not. */
int h5b_exists(int64_t file, const char *path);
/* The dataset's rank (<= 8) and dimensions. */
int h5b_shape(int64_t file, const char *path, int64_t dims[8]);
/* Reads `count` values as float32 (converting from the stored type). */
int h5b_read(int64_t file, const char *path, float *out, int64_t count);
int h5b_group(int64_t file, const char *path);
int h5b_write(int64_t file, const char *path, int rank, const int64_t *dims, const float *data);
int h5b_string_attribute(int64_t file, const char *path, const char *name, const char *value);
/* A string or array-of-strings attribute (fixed-length or variable-length), its items joined
 * by newlines into `out` (NUL-terminated). Returns the length needed; call again with a
 * bigger buffer if that exceeds `size`. Negative if there is no such attribute. */
int64_t h5b_read_strings(int64_t file, const char *path, const char *name, char *out, int64_t size);
#endif
