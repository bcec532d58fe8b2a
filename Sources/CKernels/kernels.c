#include "cnnsh_kernels.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* One copy of each loop per instruction set; the loader picks the best this CPU has. */
#define VECTOR __attribute__((target_clones("avx512f", "avx2", "default")))

VECTOR void cnnsh_adam(float *restrict w, const float *restrict g, float *restrict m, float *restrict v, size_t n,
                       float rate, float beta1, float beta2, float epsilon) {
    for (size_t i = 0; i < n; i++) {
        m[i] += (g[i] - m[i]) * (1 - beta1);
        v[i] += (g[i] * g[i] - v[i]) * (1 - beta2);
        w[i] -= rate * m[i] / (sqrtf(v[i]) + epsilon);
    }
}

VECTOR void cnnsh_adadelta(float *restrict w, const float *restrict g, float *restrict accumulated_grad,
                           float *restrict accumulated_delta, size_t n, float rate, float rho, float epsilon) {
    for (size_t i = 0; i < n; i++) {
        accumulated_grad[i] = rho * accumulated_grad[i] + (1 - rho) * g[i] * g[i];
        float delta = -sqrtf(accumulated_delta[i] + epsilon) / sqrtf(accumulated_grad[i] + epsilon) * g[i];
        accumulated_delta[i] = rho * accumulated_delta[i] + (1 - rho) * delta * delta;
        w[i] += rate * delta;
    }
}

VECTOR void cnnsh_adagrad(float *restrict w, const float *restrict g, float *restrict accumulator, size_t n,
                          float rate, float epsilon) {
    for (size_t i = 0; i < n; i++) {
        accumulator[i] += g[i] * g[i];
        w[i] -= rate * g[i] / sqrtf(accumulator[i] + epsilon);
    }
}

VECTOR void cnnsh_rmsprop(float *restrict w, const float *restrict g, float *restrict velocity, size_t n,
                          float rate, float rho, float epsilon) {
    for (size_t i = 0; i < n; i++) {
        velocity[i] = rho * velocity[i] + (1 - rho) * g[i] * g[i];
        w[i] -= rate * g[i] / (sqrtf(velocity[i]) + epsilon);
    }
}

VECTOR void cnnsh_sgd(float *restrict w, const float *restrict g, size_t n, float rate) {
    for (size_t i = 0; i < n; i++) w[i] -= rate * g[i];
}

VECTOR void cnnsh_sgd_momentum(float *restrict w, const float *restrict g, float *restrict velocity, size_t n,
                               float rate, float momentum, int nesterov) {
    if (nesterov) {
        for (size_t i = 0; i < n; i++) {
            velocity[i] = momentum * velocity[i] - rate * g[i];
            w[i] += momentum * velocity[i] - rate * g[i];
        }
    } else {
        for (size_t i = 0; i < n; i++) {
            velocity[i] = momentum * velocity[i] - rate * g[i];
            w[i] += velocity[i];
        }
    }
}

/* The activations' derivatives as selects, which vectorise (y > 0 is false for NaN, as in
   the one-value formulas). */
VECTOR void cnnsh_relu_backward(float *restrict g, const float *restrict y, size_t n) {
    for (size_t i = 0; i < n; i++) g[i] = y[i] > 0 ? g[i] : 0;
}

VECTOR void cnnsh_relu6_backward(float *restrict g, const float *restrict y, size_t n) {
    for (size_t i = 0; i < n; i++) g[i] = (y[i] > 0 && y[i] < 6) ? g[i] : 0;
}

VECTOR void cnnsh_leaky_relu_backward(float *restrict g, const float *restrict y, size_t n, float alpha) {
    for (size_t i = 0; i < n; i++) g[i] *= y[i] > 0 ? 1 : alpha;
}

/* For x <= 0, y = alpha (e^x - 1), so dy/dx = alpha e^x = y + alpha. */
VECTOR void cnnsh_elu_backward(float *restrict g, const float *restrict y, size_t n, float alpha) {
    for (size_t i = 0; i < n; i++) g[i] *= y[i] > 0 ? 1 : y[i] + alpha;
}

VECTOR void cnnsh_sigmoid_backward(float *restrict g, const float *restrict y, size_t n) {
    for (size_t i = 0; i < n; i++) g[i] *= y[i] * (1 - y[i]);
}

VECTOR void cnnsh_tanh_backward(float *restrict g, const float *restrict y, size_t n) {
    for (size_t i = 0; i < n; i++) g[i] *= 1 - y[i] * y[i];
}

/* The largest |x| as the float whose bits are the largest of the values' bits without their
   sign: for non-negative floats the bits order as the values, and an infinity or a NaN
   (exponent bits all ones) outranks every finite value and comes out as itself. So one pass
   answers both "all finite?" and "how large?"; an integer max vectorises, where a float max
   with NaN (or a float sum, which the compiler may not reorder) would not. */
VECTOR float cnnsh_largest_magnitude(const float *x, size_t n) {
    uint32_t largest = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t bits;
        memcpy(&bits, &x[i], sizeof bits);
        bits &= 0x7fffffffu;
        largest = bits > largest ? bits : largest;
    }
    float result;
    memcpy(&result, &largest, sizeof result);
    return result;
}

/* A convolution's weight and bias gradients over one-channel images (MNIST's first layer),
   added into dw (kh x kw x outC, Keras's order with one input channel) and db: each output
   pixel adds x under each tap times its dz row. oneDNN 2.6 has only a slow generic kernel
   for this case, and im2col + sgemm per sample spent most of its time on the im2col matrix
   and small products (5.9 ms a batch of 128 for net_1's first layer). Here each sample is
   copied once with its padding as zeros, and for kernels of up to 9 taps the gradients of 16
   channels at a time stay in registers (9 + 1 vectors) while dz streams past. */
#define CONV1_TAPS 9
VECTOR void cnnsh_conv1_weight_gradient(const float *restrict x, const float *restrict dz, size_t samples,
                                        int in_h, int in_w, int out_h, int out_w, int k_h, int k_w,
                                        int s_h, int s_w, int pad_top, int pad_left, int out_c, int blocked,
                                        const float *restrict relu_output, float *restrict dw, float *restrict db) {
    int taps = k_h * k_w;
    /* dz's pixel stride, and where channel c of a pixel is (NHWC, or nChw16c). */
    size_t pixel = blocked ? 16 : out_c, plane = (size_t)out_h * out_w;
#define DZ_CHANNEL(c) (blocked ? ((c) / 16) * plane * 16 + (c) % 16 : (size_t)(c))
    int ph = (out_h - 1) * s_h + k_h, pw = (out_w - 1) * s_w + k_w;
    /* The padded image, then (general path) one pixel's dz. */
    float *padded = calloc((size_t)ph * pw + out_c, sizeof(float));
    if (!padded) return;
    float *pixel_dz = padded + (size_t)ph * pw;
    for (size_t s = 0; s < samples; s++) {
        const float *xs = x + s * (size_t)in_h * in_w;
        const float *ds = dz + s * (size_t)out_h * out_w * out_c;
        const float *ys = relu_output ? relu_output + s * (size_t)out_h * out_w * out_c : NULL;
        for (int py = 0; py < ph; py++) {
            int iy = py - pad_top;
            for (int px = 0; px < pw; px++) {
                int ix = px - pad_left;
                padded[py * pw + px] = (iy >= 0 && iy < in_h && ix >= 0 && ix < in_w) ? xs[iy * in_w + ix] : 0;
            }
        }
        if (taps <= CONV1_TAPS && out_c % 16 == 0) {
            int offset[CONV1_TAPS] = {0};
            for (int k = 0; k < taps; k++) offset[k] = (k / k_w) * pw + k % k_w;
            for (int cb = 0; cb < out_c; cb += 16) {
                float acc[CONV1_TAPS][16] = {{0}}, bias[16] = {0};
                for (int oy = 0; oy < out_h; oy++) {
                    for (int ox = 0; ox < out_w; ox++) {
                        size_t at = ((size_t)oy * out_w + ox) * pixel + DZ_CHANNEL(cb);
                        const float *p = padded + oy * s_h * pw + ox * s_w;
                        /* This pixel's 16 channels, with ReLU's mask when asked (both values
                           loaded whatever the test says, so that the loop vectorises). */
                        float d[16];
                        if (ys) for (int c = 0; c < 16; c++) { float g = ds[at + c], y = ys[at + c]; d[c] = y > 0 ? g : 0; }
                        else for (int c = 0; c < 16; c++) d[c] = ds[at + c];
                        for (int c = 0; c < 16; c++) bias[c] += d[c];
                        for (int k = 0; k < CONV1_TAPS; k++) {
                            float v = k < taps ? p[offset[k]] : 0;
                            for (int c = 0; c < 16; c++) acc[k][c] += v * d[c];
                        }
                    }
                }
                for (int k = 0; k < taps; k++)
                    for (int c = 0; c < 16; c++) dw[k * out_c + cb + c] += acc[k][c];
                if (db) for (int c = 0; c < 16; c++) db[cb + c] += bias[c];
            }
            continue;
        }
        for (int oy = 0; oy < out_h; oy++) {
            for (int ox = 0; ox < out_w; ox++) {
                size_t at = ((size_t)oy * out_w + ox) * pixel;
                const float *p = padded + oy * s_h * pw + ox * s_w;
                /* This pixel's dz in channel order, masked when asked. */
                for (int c = 0; c < out_c; c++) {
                    size_t i = at + DZ_CHANNEL(c);
                    float g = ds[i], y = ys ? ys[i] : 1;
                    pixel_dz[c] = y > 0 ? g : 0;
                }
                if (db) for (int c = 0; c < out_c; c++) db[c] += pixel_dz[c];
                for (int k = 0; k < taps; k++) {
                    float v = p[(k / k_w) * pw + k % k_w], *w = dw + k * out_c;
                    for (int c = 0; c < out_c; c++) w[c] += v * pixel_dz[c];
                }
            }
        }
    }
    free(padded);
#undef DZ_CHANNEL
}

/* The maxima of n 2x2 windows side by side (one per channel): a, b the top row, d0, d1 the
   bottom one; when w is not NULL, which value won (0-3, the first of equal values, as
   TensorFlow). Inlined into each instruction set's copy of the loops below. */
static inline __attribute__((always_inline)) void max_of_windows(const float *restrict a, const float *restrict b,
                                                                 const float *restrict d0, const float *restrict d1,
                                                                 float *restrict out, uint8_t *restrict w, int n) {
    if (w) {
        for (int k = 0; k < n; k++) {
            float m = a[k]; uint8_t q = 0;
            if (b[k] > m) { m = b[k]; q = 1; }
            if (d0[k] > m) { m = d0[k]; q = 2; }
            if (d1[k] > m) { m = d1[k]; q = 3; }
            out[k] = m; w[k] = q;
        }
    } else {
        for (int k = 0; k < n; k++) {
            float m = a[k];
            m = b[k] > m ? b[k] : m; m = d0[k] > m ? d0[k] : m; m = d1[k] > m ? d1[k] : m;
            out[k] = m;
        }
    }
}

/* The backward of max_of_windows: each of n outputs' gradients g[k] goes to the value that
   won (w[k]), zeros to the other three; with y (the pooled output) given, times ReLU's
   derivative (y > 0). Both values are loaded whatever the test says, so that the loops
   vectorise (a load in only one branch of a select made clang emit them scalar). */
static inline __attribute__((always_inline)) void scatter_to_winners(float *restrict a, float *restrict b, float *restrict d0,
                                                                     float *restrict d1, const float *restrict g,
                                                                     const float *restrict y, const uint8_t *restrict w, int n) {
    if (y) {
        for (int k = 0; k < n; k++) {
            float gk = g[k], yk = y[k], v = yk > 0 ? gk : 0;
            uint8_t q = w[k];
            a[k] = q == 0 ? v : 0; b[k] = q == 1 ? v : 0; d0[k] = q == 2 ? v : 0; d1[k] = q == 3 ? v : 0;
        }
    } else {
        for (int k = 0; k < n; k++) {
            float v = g[k];
            uint8_t q = w[k];
            a[k] = q == 0 ? v : 0; b[k] = q == 1 ? v : 0; d0[k] = q == 2 ? v : 0; d1[k] = q == 3 ? v : 0;
        }
    }
}

/* Max pooling over 2x2 windows at stride 2 without padding, NHWC: y and, when winner is not
   NULL, which of the window's four values won (0-3, row by row; the first of equal values,
   as TensorFlow). The course's MaxPooling2D() is this case: for a batch of net_1 (128 x 28 x
   28 x 64) oneDNN's kernel took 4.5 ms forward and 5.7 backward, this loop 2.0 and 2.5. */
VECTOR void cnnsh_max_pool_2x2(const float *restrict x, float *restrict y, uint8_t *restrict winner, size_t samples,
                               int in_h, int in_w, int out_h, int out_w, int c) {
    for (size_t s = 0; s < samples; s++) {
        for (int i = 0; i < out_h; i++) {
            for (int j = 0; j < out_w; j++) {
                const float *a = x + ((s * in_h + 2 * i) * (size_t)in_w + 2 * j) * c, *b = a + c;
                const float *d0 = a + (size_t)in_w * c, *d1 = d0 + c;
                size_t o = ((s * out_h + i) * (size_t)out_w + j) * c;
                max_of_windows(a, b, d0, d1, y + o, winner ? winner + o : NULL, c);
            }
        }
    }
}

/* Its backward pass: each output's gradient goes to the value that won; dx is written whole
   (zeros elsewhere, including a last odd row or column no window covered). */
VECTOR void cnnsh_max_pool_2x2_backward(const float *restrict dy, const uint8_t *restrict winner, float *restrict dx,
                                        size_t samples, int in_h, int in_w, int out_h, int out_w, int c) {
    for (size_t s = 0; s < samples; s++) {
        if (in_h != 2 * out_h || in_w != 2 * out_w) memset(dx + s * (size_t)in_h * in_w * c, 0, sizeof(float) * in_h * in_w * c);
        for (int i = 0; i < out_h; i++) {
            for (int j = 0; j < out_w; j++) {
                float *a = dx + ((s * in_h + 2 * i) * (size_t)in_w + 2 * j) * c, *b = a + c;
                float *d0 = a + (size_t)in_w * c, *d1 = d0 + c;
                size_t o = ((s * out_h + i) * (size_t)out_w + j) * c;
                scatter_to_winners(a, b, d0, d1, dy + o, NULL, winner + o, c);
            }
        }
    }
}

/* The same 2x2 max-pooling read straight from a convolution's output in oneDNN's blocked
   layout nChw16c (c a multiple of 16: per sample, blocks of 16 channels, each an in_h x in_w
   image of 16-float pixels), so that the output never goes through NHWC. y and winner are
   NHWC as above. */
VECTOR void cnnsh_max_pool_2x2_blocked(const float *restrict x, float *restrict y, uint8_t *restrict winner, size_t samples,
                                       int in_h, int in_w, int out_h, int out_w, int c) {
    const int blocks = c / 16;
    for (size_t s = 0; s < samples; s++) {
        for (int cb = 0; cb < blocks; cb++) {
            const float *plane = x + ((s * blocks + cb) * (size_t)in_h * in_w) * 16;
            for (int i = 0; i < out_h; i++) {
                for (int j = 0; j < out_w; j++) {
                    const float *a = plane + ((size_t)(2 * i) * in_w + 2 * j) * 16, *b = a + 16;
                    const float *d0 = a + (size_t)in_w * 16, *d1 = d0 + 16;
                    size_t o = ((s * out_h + i) * (size_t)out_w + j) * c + cb * 16;
                    max_of_windows(a, b, d0, d1, y + o, winner ? winner + o : NULL, 16);
                }
            }
        }
    }
}

/* Its backward pass, writing the gradient at the convolution's pre-activation in the blocked
   layout: each output's gradient goes to the value that won, times ReLU's derivative there
   when `relu_output` is given (the pooled output: the winner was positive exactly when the
   output is), zeros elsewhere. So neither the ReLU mask nor a reorder needs a pass of its own. */
VECTOR void cnnsh_max_pool_2x2_blocked_backward(const float *restrict dy, const float *restrict relu_output,
                                                const uint8_t *restrict winner, float *restrict dx, size_t samples,
                                                int in_h, int in_w, int out_h, int out_w, int c) {
    const int blocks = c / 16;
    for (size_t s = 0; s < samples; s++) {
        for (int cb = 0; cb < blocks; cb++) {
            float *plane = dx + ((s * blocks + cb) * (size_t)in_h * in_w) * 16;
            if (in_h != 2 * out_h || in_w != 2 * out_w) memset(plane, 0, sizeof(float) * 16 * in_h * in_w);
            for (int i = 0; i < out_h; i++) {
                for (int j = 0; j < out_w; j++) {
                    float *a = plane + ((size_t)(2 * i) * in_w + 2 * j) * 16, *b = a + 16;
                    float *d0 = a + (size_t)in_w * 16, *d1 = d0 + 16;
                    size_t o = ((s * out_h + i) * (size_t)out_w + j) * c + cb * 16;
                    scatter_to_winners(a, b, d0, d1, dy + o, relu_output ? relu_output + o : NULL, winner + o, 16);
                }
            }
        }
    }
}
