/// ResNet-50 and ResNet-101 (He et al., 2015): bottleneck blocks of 1x1, 3x3 and 1x1
/// convolutions around an identity (or 1x1 projection) shortcut.
enum ResNetSource {
    static let source = """
    # One bottleneck block; the first of a stage projects the shortcut with a 1x1 convolution.
    def _resnet_block(x, filters, name, stride=1, project=True):
        if project:
            shortcut = Conv2D(4 * filters, 1, strides=stride, name=name + "_0_conv")(x)
            shortcut = BatchNormalization(epsilon=1.001e-5, name=name + "_0_bn")(shortcut)
        else:
            shortcut = x
        x = Conv2D(filters, 1, strides=stride, name=name + "_1_conv")(x)
        x = BatchNormalization(epsilon=1.001e-5, name=name + "_1_bn")(x)
        x = Activation("relu", name=name + "_1_relu")(x)
        x = Conv2D(filters, 3, padding="same", name=name + "_2_conv")(x)
        x = BatchNormalization(epsilon=1.001e-5, name=name + "_2_bn")(x)
        x = Activation("relu", name=name + "_2_relu")(x)
        x = Conv2D(4 * filters, 1, name=name + "_3_conv")(x)
        x = BatchNormalization(epsilon=1.001e-5, name=name + "_3_bn")(x)
        x = add([shortcut, x], name=name + "_add")
        return Activation("relu", name=name + "_out")(x)

    def _resnet_stage(x, filters, blocks, name, stride=2):
        x = _resnet_block(x, filters, name + "_block1", stride=stride)
        for i in range(2, blocks + 1):
            x = _resnet_block(x, filters, name + "_block" + str(i), project=False)
        return x

    def _resnet(blocks, model_name, include_top, input_shape, pooling, classes, classifier_activation):
        inputs = _input(input_shape, (224, 224, 3))
        x = ZeroPadding2D(((3, 3), (3, 3)), name="conv1_pad")(inputs)
        x = Conv2D(64, 7, strides=2, name="conv1_conv")(x)
        x = BatchNormalization(epsilon=1.001e-5, name="conv1_bn")(x)
        x = Activation("relu", name="conv1_relu")(x)
        x = ZeroPadding2D(((1, 1), (1, 1)), name="pool1_pad")(x)
        x = MaxPooling2D(3, strides=2, name="pool1_pool")(x)
        x = _resnet_stage(x, 64, blocks[0], "conv2", stride=1)
        x = _resnet_stage(x, 128, blocks[1], "conv3")
        x = _resnet_stage(x, 256, blocks[2], "conv4")
        x = _resnet_stage(x, 512, blocks[3], "conv5")
        return Model(inputs, _top(x, include_top, pooling, classes, classifier_activation), name=model_name)

    def resnet50(include_top=True, input_shape=None, pooling=None, classes=1000, classifier_activation="softmax"):
        return _resnet([3, 4, 6, 3], "resnet50", include_top, input_shape, pooling, classes, classifier_activation)

    def resnet101(include_top=True, input_shape=None, pooling=None, classes=1000, classifier_activation="softmax"):
        return _resnet([3, 4, 23, 3], "resnet101", include_top, input_shape, pooling, classes, classifier_activation)

    """
}
