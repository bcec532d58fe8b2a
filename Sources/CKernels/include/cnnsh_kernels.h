#ifndef CNNSH_KERNELS_H
#define CNNSH_KERNELS_H
#include <stddef.h>
#include <stdint.h>

/* Element-wise loops of the training step, in C for `restrict` (Swift cannot say that the
   weight, gradient and state arrays do not overlap, so its compiler left these loops scalar)
   and compiled for AVX-512, AVX2 and plain x86-64, the best picked when the program loads.
   Each works on one range [0, n) of its arrays; the caller splits the work across cores. */

/* The optimizers' updates, Keras's formulas with its operation order. */
void cnnsh_adam(float *restrict w, const float *restrict g, float *restrict m, float *restrict v, size_t n,
                float rate, float beta1, float beta2, float epsilon);
void cnnsh_adadelta(float *restrict w, const float *restrict g, float *restrict accumulated_grad,
                    float *restrict accumulated_delta, size_t n, float rate, float rho, float epsilon);
void cnnsh_adagrad(float *restrict w, const float *restrict g, float *restrict accumulator, size_t n,
                   float rate, float epsilon);
void cnnsh_rmsprop(float *restrict w, const float *restrict g, float *restrict velocity, size_t n,
                   float rate, float rho, float epsilon);
void cnnsh_sgd(float *restrict w, const float *restrict g, size_t n, float rate);
void cnnsh_sgd_momentum(float *restrict w, const float *restrict g, float *restrict velocity, size_t n,
                        float rate, float momentum, int nesterov);

/* g = dLoss/dOutput becomes dLoss/dInput, from the activation's output y. */
void cnnsh_relu_backward(float *restrict g, const float *restrict y, size_t n);
void cnnsh_relu6_backward(float *restrict g, const float *restrict y, size_t n);
void cnnsh_leaky_relu_backward(float *restrict g, const float *restrict y, size_t n, float alpha);
void cnnsh_elu_backward(float *restrict g, const float *restrict y, size_t n, float alpha);
void cnnsh_sigmoid_backward(float *restrict g, const float *restrict y, size_t n);
void cnnsh_tanh_backward(float *restrict g, const float *restrict y, size_t n);

/* A convolution's weight and bias gradients over one-channel NHWC images, added into dw
   (kh x kw x out_c) and db (NULL for none); dz is NHWC, or nChw16c when `blocked` (out_c a
   multiple of 16). With relu_output (the layer's output, in dz's layout), dz is the gradient
   at the ReLU's output and is masked on the way, so it needs no pass of its own. */
void cnnsh_conv1_weight_gradient(const float *restrict x, const float *restrict dz, size_t samples,
                                 int in_h, int in_w, int out_h, int out_w, int k_h, int k_w,
                                 int s_h, int s_w, int pad_top, int pad_left, int out_c, int blocked,
                                 const float *restrict relu_output, float *restrict dw, float *restrict db);

/* Max pooling over 2x2 windows at stride 2, no padding, NHWC; winner (0-3 per output, NULL
   for none) feeds the backward pass, which writes dx whole. */
void cnnsh_max_pool_2x2(const float *restrict x, float *restrict y, uint8_t *restrict winner, size_t samples,
                        int in_h, int in_w, int out_h, int out_w, int c);
void cnnsh_max_pool_2x2_backward(const float *restrict dy, const uint8_t *restrict winner, float *restrict dx,
                                 size_t samples, int in_h, int in_w, int out_h, int out_w, int c);
/* The same over a convolution's output in oneDNN's blocked layout nChw16c (c a multiple of
   16); y, winner and dy stay NHWC. The backward pass writes dx in the blocked layout, times
   ReLU's derivative when relu_output (the pooled output) is given. */
void cnnsh_max_pool_2x2_blocked(const float *restrict x, float *restrict y, uint8_t *restrict winner, size_t samples,
                                int in_h, int in_w, int out_h, int out_w, int c);
void cnnsh_max_pool_2x2_blocked_backward(const float *restrict dy, const float *restrict relu_output,
                                         const uint8_t *restrict winner, float *restrict dx, size_t samples,
                                         int in_h, int in_w, int out_h, int out_w, int c);

/* The largest |x|; infinite or NaN when a value is (so also the test for finite values). */
float cnnsh_largest_magnitude(const float *x, size_t n);

#endif
