#include "cnnsh_kernels.h"
#include <math.h>
#include <stdint.h>
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
