/// DenseNet-121 (Huang et al., 2016): every layer of a dense block reads the concatenation of
/// all the feature maps before it; transition layers halve channels and size.
enum DenseNetSource {
    static let source = """
    def _dense_layer(x, growth, name):
        y = BatchNormalization(epsilon=1.001e-5, name=name + "_0_bn")(x)
        y = Activation("relu", name=name + "_0_relu")(y)
        y = Conv2D(4 * growth, 1, use_bias=False, name=name + "_1_conv")(y)
        y = BatchNormalization(epsilon=1.001e-5, name=name + "_1_bn")(y)
        y = Activation("relu", name=name + "_1_relu")(y)
        y = Conv2D(growth, 3, padding="same", use_bias=False, name=name + "_2_conv")(y)
        return Concatenate(name=name + "_concat")([x, y])

    def _transition(x, reduction, name):
        x = BatchNormalization(epsilon=1.001e-5, name=name + "_bn")(x)
        x = Activation("relu", name=name + "_relu")(x)
        x = Conv2D(int(x.shape[-1] * reduction), 1, use_bias=False, name=name + "_conv")(x)
        return AveragePooling2D(2, strides=2, name=name + "_pool")(x)

    def _densenet(blocks, model_name, include_top, input_shape, pooling, classes, classifier_activation):
        inputs = _input(input_shape, (224, 224, 3))
        x = ZeroPadding2D(((3, 3), (3, 3)))(inputs)
        x = Conv2D(64, 7, strides=2, use_bias=False, name="conv1_conv")(x)
        x = BatchNormalization(epsilon=1.001e-5, name="conv1_bn")(x)
        x = Activation("relu", name="conv1_relu")(x)
        x = ZeroPadding2D(((1, 1), (1, 1)))(x)
        x = MaxPooling2D(3, strides=2, name="pool1")(x)
        for stage, layers in enumerate(blocks):
            for i in range(layers):
                x = _dense_layer(x, 32, f"conv{stage + 2}_block{i + 1}")
            if stage < len(blocks) - 1:
                x = _transition(x, 0.5, f"pool{stage + 2}")
        x = BatchNormalization(epsilon=1.001e-5, name="bn")(x)
        x = Activation("relu", name="relu")(x)
        return Model(inputs, _top(x, include_top, pooling, classes, classifier_activation), name=model_name)

    def densenet121(include_top=True, input_shape=None, pooling=None, classes=1000, classifier_activation="softmax"):
        return _densenet([6, 12, 24, 16], "densenet121", include_top, input_shape, pooling, classes, classifier_activation)

    """
}
