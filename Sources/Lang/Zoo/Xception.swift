/// Xception (Chollet, 2016): depthwise separable convolutions throughout, with residual
/// connections around every block.
enum XceptionSource {
    static let source = """
    def _sep_bn(x, filters, name, relu_first=True):
        if relu_first:
            x = Activation("relu", name=name + "_act")(x)
        x = SeparableConv2D(filters, (3, 3), padding="same", use_bias=False, name=name)(x)
        return BatchNormalization(name=name + "_bn")(x)

    # Two separable convolutions and a max-pooling, beside a strided 1x1 projection.
    def _xception_down(x, filters, block, relu_first=True):
        residual = Conv2D(filters[1], (1, 1), strides=(2, 2), padding="same", use_bias=False)(x)
        residual = BatchNormalization()(residual)
        x = _sep_bn(x, filters[0], f"block{block}_sepconv1", relu_first)
        if not relu_first:
            x = Activation("relu", name=f"block{block}_sepconv2_act")(x)
        x = _sep_bn(x, filters[1], f"block{block}_sepconv2", relu_first)
        x = MaxPooling2D((3, 3), strides=(2, 2), padding="same", name=f"block{block}_pool")(x)
        return add([x, residual])

    def xception(include_top=True, input_shape=None, pooling=None, classes=1000, classifier_activation="softmax"):
        inputs = _input(input_shape, (299, 299, 3))
        x = Conv2D(32, (3, 3), strides=(2, 2), use_bias=False, name="block1_conv1")(inputs)
        x = BatchNormalization(name="block1_conv1_bn")(x)
        x = Activation("relu", name="block1_conv1_act")(x)
        x = Conv2D(64, (3, 3), use_bias=False, name="block1_conv2")(x)
        x = BatchNormalization(name="block1_conv2_bn")(x)
        x = Activation("relu", name="block1_conv2_act")(x)
        # Entry flow: block 2's first convolution follows the stem's ReLU directly.
        x = _xception_down(x, (128, 128), 2, relu_first=False)
        x = _xception_down(x, (256, 256), 3)
        x = _xception_down(x, (728, 728), 4)
        # Middle flow: eight residual blocks of three separable convolutions.
        for block in range(5, 13):
            residual = x
            for i in range(1, 4):
                x = _sep_bn(x, 728, f"block{block}_sepconv{i}")
            x = add([x, residual])
        # Exit flow.
        x = _xception_down(x, (728, 1024), 13)
        x = SeparableConv2D(1536, (3, 3), padding="same", use_bias=False, name="block14_sepconv1")(x)
        x = BatchNormalization(name="block14_sepconv1_bn")(x)
        x = Activation("relu", name="block14_sepconv1_act")(x)
        x = SeparableConv2D(2048, (3, 3), padding="same", use_bias=False, name="block14_sepconv2")(x)
        x = BatchNormalization(name="block14_sepconv2_bn")(x)
        x = Activation("relu", name="block14_sepconv2_act")(x)
        return Model(inputs, _top(x, include_top, pooling, classes, classifier_activation), name="xception")

    """
}
