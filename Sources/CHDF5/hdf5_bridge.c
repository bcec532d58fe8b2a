/* See hdf5_bridge.h. */
#include "hdf5_bridge.h"
#include <hdf5.h>
#include <stdlib.h>
#include <string.h>

/* No error stack printed (cnnsh says what went wrong), and no library shutdown at exit:
 * after a damaged file, HDF5's own atexit handler can complain about objects it cannot close. */
static void quiet(void) {
    static int done = 0;
    if (!done) { H5dont_atexit(); done = 1; }
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
}

/* Closing a file closes everything opened in it, even after a read failed midway. */
int64_t h5b_open(const char *path) {
    quiet();
    hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
    H5Pset_fclose_degree(fapl, H5F_CLOSE_STRONG);
    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, fapl);
    H5Pclose(fapl);
    return f;
}

int64_t h5b_create(const char *path) {
    quiet();
    return H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
}

void h5b_close(int64_t file) { H5Fclose(file); }

/* Each step of the path must exist before the next is asked about. */
int h5b_exists(int64_t file, const char *path) {
    char prefix[1024];
    size_t n = strlen(path);
    if (n >= sizeof prefix) return 0;
    for (size_t i = 1; i <= n; i++) {
        if (path[i] == '/' || path[i] == 0) {
            memcpy(prefix, path, i);
            prefix[i] = 0;
            if (H5Lexists(file, prefix, H5P_DEFAULT) <= 0) return 0;
        }
    }
    return 1;
}

int h5b_shape(int64_t file, const char *path, int64_t dims[8]) {
    hid_t d = H5Dopen2(file, path, H5P_DEFAULT);
    if (d < 0) return -1;
    hid_t s = H5Dget_space(d);
    int rank = H5Sget_simple_extent_ndims(s);
    hsize_t h[8];
    if (rank >= 0 && rank <= 8) {
        H5Sget_simple_extent_dims(s, h, NULL);
        for (int i = 0; i < rank; i++) dims[i] = (int64_t)h[i];
    } else {
        rank = -1;
    }
    H5Sclose(s);
    H5Dclose(d);
    return rank;
}

int h5b_read(int64_t file, const char *path, float *out, int64_t count) {
    hid_t d = H5Dopen2(file, path, H5P_DEFAULT);
    if (d < 0) return -1;
    hid_t s = H5Dget_space(d);
    hssize_t n = H5Sget_simple_extent_npoints(s);
    H5Sclose(s);
    herr_t r = n == count ? H5Dread(d, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, out) : -1;
    H5Dclose(d);
    return r < 0 ? -1 : 0;
}

int h5b_group(int64_t file, const char *path) {
    if (h5b_exists(file, path)) return 0;
    hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
    H5Pset_create_intermediate_group(lcpl, 1);
    hid_t g = H5Gcreate2(file, path, lcpl, H5P_DEFAULT, H5P_DEFAULT);
    H5Pclose(lcpl);
    if (g < 0) return -1;
    H5Gclose(g);
    return 0;
}

int h5b_write(int64_t file, const char *path, int rank, const int64_t *dims, const float *data) {
    hsize_t h[8];
    if (rank < 0 || rank > 8) return -1;
    for (int i = 0; i < rank; i++) h[i] = (hsize_t)dims[i];
    hid_t s = rank == 0 ? H5Screate(H5S_SCALAR) : H5Screate_simple(rank, h, NULL);
    hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
    H5Pset_create_intermediate_group(lcpl, 1);
    hid_t d = H5Dcreate2(file, path, H5T_IEEE_F32LE, s, lcpl, H5P_DEFAULT, H5P_DEFAULT);
    H5Pclose(lcpl);
    herr_t r = -1;
    if (d >= 0) {
        r = H5Dwrite(d, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, data);
        H5Dclose(d);
    }
    H5Sclose(s);
    return r < 0 ? -1 : 0;
}

/* A variable-length UTF-8 string attribute, as h5py writes Python strings. */
int h5b_string_attribute(int64_t file, const char *path, const char *name, const char *value) {
    hid_t o = H5Oopen(file, path, H5P_DEFAULT);
    if (o < 0) return -1;
    hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, H5T_VARIABLE);
    H5Tset_cset(t, H5T_CSET_UTF8);
    hid_t s = H5Screate(H5S_SCALAR);
    hid_t a = H5Acreate2(o, name, t, s, H5P_DEFAULT, H5P_DEFAULT);
    herr_t r = a >= 0 ? H5Awrite(a, t, &value) : -1;
    if (a >= 0) H5Aclose(a);
    H5Sclose(s);
    H5Tclose(t);
    H5Oclose(o);
    return r < 0 ? -1 : 0;
}

int64_t h5b_read_strings(int64_t file, const char *path, const char *name, char *out, int64_t size) {
    if (H5Aexists_by_name(file, path, name, H5P_DEFAULT) <= 0) return -1;
    hid_t a = H5Aopen_by_name(file, path, name, H5P_DEFAULT, H5P_DEFAULT);
    if (a < 0) return -1;
    hid_t t = H5Aget_type(a), s = H5Aget_space(a);
    hssize_t n = H5Sget_simple_extent_npoints(s);
    int64_t needed = -1;
    if (H5Tget_class(t) == H5T_STRING && n >= 0) {
        if (H5Tis_variable_str(t) > 0) {
            char **items = calloc((size_t)n, sizeof(char *));
            hid_t m = H5Tcopy(H5T_C_S1);
            H5Tset_size(m, H5T_VARIABLE);
            if (items && H5Aread(a, m, items) >= 0) {
                needed = 0;
                for (hssize_t i = 0; i < n; i++) needed += (int64_t)strlen(items[i] ? items[i] : "") + 1;
                if (needed < size) {
                    int64_t at = 0;
                    for (hssize_t i = 0; i < n; i++) {
                        size_t k = strlen(items[i] ? items[i] : "");
                        memcpy(out + at, items[i] ? items[i] : "", k);
                        at += (int64_t)k;
                        out[at++] = i + 1 < n ? '\n' : 0;
                    }
                    if (n == 0 && size > 0) out[0] = 0;
                }
                H5Dvlen_reclaim(m, s, H5P_DEFAULT, items);
            }
            H5Tclose(m);
            free(items);
        } else {
            size_t width = H5Tget_size(t);
            char *raw = malloc((size_t)n * width + 1);
            if (raw && H5Aread(a, t, raw) >= 0) {
                needed = 0;
                int64_t at = 0;
                for (hssize_t i = 0; i < n; i++) {
                    const char *item = raw + (size_t)i * width;
                    size_t k = strnlen(item, width);
                    needed += (int64_t)k + 1;
                    if (needed <= size) {
                        memcpy(out + at, item, k);
                        at += (int64_t)k;
                        out[at++] = i + 1 < n ? '\n' : 0;
                    }
                }
                if (n == 0 && size > 0) out[0] = 0;
            }
            free(raw);
        }
    }
    H5Sclose(s);
    H5Tclose(t);
    H5Aclose(a);
    return needed;
}
