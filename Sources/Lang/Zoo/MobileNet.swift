/// MobileNetV2 (Sandler et al., 2018): inverted residual blocks, a 1x1 expansion, a 3x3
/// depthwise convolution and a linear 1x1 projection, with ReLU6.
enum MobileNetSource {
    static let source = """
    # Channel counts rounded to a multiple of 8, never more than 10% below the ideal.
    def _make_divisible(v, divisor=8):
        rounded = max(divisor, int(v + divisor / 2) // divisor * divisor)
        if rounded < 0.9 * v:
            rounded = rounded + divisor
        return rounded

    def _inverted_residual(x, filters, alpha, stride, expansion, block_id):
        channels = x.shape[-1]
        out_channels = _make_divisible(int(filters * alpha), 8)
        inputs = x
        prefix = f"block_{block_id}_"
        if block_id:
            x = Conv2D(expansion * channels, 1, padding="same", use_bias=False, name=prefix + "expand")(x)
            x = BatchNormalization(epsilon=1e-3, momentum=0.999, name=prefix + "expand_BN")(x)
            x = ReLU(max_value=6, name=prefix + "expand_relu")(x)
        else:
            prefix = "expanded_conv_"
        if stride == 2:
            x = ZeroPadding2D(_correct_pad(x, 3), name=prefix + "pad")(x)
        x = DepthwiseConv2D(3, strides=stride, use_bias=False, padding="same" if stride == 1 else "valid", name=prefix + "depthwise")(x)
        x = BatchNormalization(epsilon=1e-3, momentum=0.999, name=prefix + "depthwise_BN")(x)
        x = ReLU(max_value=6, name=prefix + "depthwise_relu")(x)
        x = Conv2D(out_channels, 1, padding="same", use_bias=False, name=prefix + "project")(x)
        x = BatchNormalization(epsilon=1e-3, momentum=0.999, name=prefix + "project_BN")(x)
        if channels == out_channels and stride == 1:
            return add([inputs, x], name=prefix + "add")
        return x

    def mobilenet_v2(include_top=True, input_shape=None, pooling=None, classes=1000, classifier_activation="softmax", alpha=1.0):
        inputs = _input(input_shape, (224, 224, 3))
        x = Conv2D(_make_divisible(32 * alpha, 8), 3, strides=(2, 2), padding="same", use_bias=False, name="Conv1")(inputs)
        x = BatchNormalization(epsilon=1e-3, momentum=0.999, name="bn_Conv1")(x)
        x = ReLU(max_value=6, name="Conv1_relu")(x)
        block = 0
        for filters, stride, expansion, repeats in [(16, 1, 1, 1), (24, 2, 6, 2), (32, 2, 6, 3), (64, 2, 6, 4),
                                                     (96, 1, 6, 3), (160, 2, 6, 3), (320, 1, 6, 1)]:
            for i in range(repeats):
                x = _inverted_residual(x, filters, alpha, stride if i == 0 else 1, expansion, block)
                block += 1
        last = _make_divisible(1280 * alpha, 8) if alpha > 1.0 else 1280
        x = Conv2D(last, 1, use_bias=False, name="Conv_1")(x)
        x = BatchNormalization(epsilon=1e-3, momentum=0.999, name="Conv_1_bn")(x)
        x = ReLU(max_value=6, name="out_relu")(x)
        if include_top:
            x = GlobalAveragePooling2D()(x)
            x = Dense(classes, activation=classifier_activation, name="predictions")(x)
        elif pooling == "avg":
            x = GlobalAveragePooling2D()(x)
        elif pooling == "max":
            x = GlobalMaxPooling2D()(x)
        return Model(inputs, x, name=f"mobilenetv2_{alpha:.2f}_{inputs.shape[1]}")

    """
}
