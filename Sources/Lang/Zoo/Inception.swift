/// Inception-v3 (Szegedy et al., 2015): modules of parallel 1x1, 3x3, factorised 7x7 and
/// pooling branches, concatenated; batch normalisation without scale.
enum InceptionSource {
    static let source = """
    # Convolution without bias, batch normalisation without scale, ReLU: Keras leaves these
    # layers unnamed, so they are numbered in the order they are made.
    def _conv_bn(x, filters, rows, cols, padding="same", strides=(1, 1)):
        x = Conv2D(filters, (rows, cols), strides=strides, padding=padding, use_bias=False)(x)
        x = BatchNormalization(scale=False)(x)
        return Activation("relu")(x)

    def _pool_branch(x, filters):
        x = AveragePooling2D((3, 3), strides=(1, 1), padding="same")(x)
        return _conv_bn(x, filters, 1, 1)

    def inception_v3(include_top=True, input_shape=None, pooling=None, classes=1000, classifier_activation="softmax"):
        inputs = _input(input_shape, (299, 299, 3))
        x = _conv_bn(inputs, 32, 3, 3, strides=(2, 2), padding="valid")
        x = _conv_bn(x, 32, 3, 3, padding="valid")
        x = _conv_bn(x, 64, 3, 3)
        x = MaxPooling2D((3, 3), strides=(2, 2))(x)
        x = _conv_bn(x, 80, 1, 1, padding="valid")
        x = _conv_bn(x, 192, 3, 3, padding="valid")
        x = MaxPooling2D((3, 3), strides=(2, 2))(x)
        # mixed0-2: 35 x 35
        for i, pool_filters in enumerate([32, 64, 64]):
            b1 = _conv_bn(x, 64, 1, 1)
            b5 = _conv_bn(_conv_bn(x, 48, 1, 1), 64, 5, 5)
            b3 = _conv_bn(_conv_bn(_conv_bn(x, 64, 1, 1), 96, 3, 3), 96, 3, 3)
            bp = _pool_branch(x, pool_filters)
            x = concatenate([b1, b5, b3, bp], axis=3, name="mixed" + str(i))
        # mixed3: down to 17 x 17
        b3 = _conv_bn(x, 384, 3, 3, strides=(2, 2), padding="valid")
        bd = _conv_bn(_conv_bn(_conv_bn(x, 64, 1, 1), 96, 3, 3), 96, 3, 3, strides=(2, 2), padding="valid")
        bp = MaxPooling2D((3, 3), strides=(2, 2))(x)
        x = concatenate([b3, bd, bp], axis=3, name="mixed3")
        # mixed4-7: factorised 7x7 convolutions
        for i, width in enumerate([128, 160, 160, 192]):
            b1 = _conv_bn(x, 192, 1, 1)
            b7 = _conv_bn(_conv_bn(_conv_bn(x, width, 1, 1), width, 1, 7), 192, 7, 1)
            bd = _conv_bn(x, width, 1, 1)
            bd = _conv_bn(_conv_bn(bd, width, 7, 1), width, 1, 7)
            bd = _conv_bn(_conv_bn(bd, width, 7, 1), 192, 1, 7)
            bp = _pool_branch(x, 192)
            x = concatenate([b1, b7, bd, bp], axis=3, name="mixed" + str(4 + i))
        # mixed8: down to 8 x 8
        b3 = _conv_bn(_conv_bn(x, 192, 1, 1), 320, 3, 3, strides=(2, 2), padding="valid")
        b7 = _conv_bn(_conv_bn(_conv_bn(x, 192, 1, 1), 192, 1, 7), 192, 7, 1)
        b7 = _conv_bn(b7, 192, 3, 3, strides=(2, 2), padding="valid")
        bp = MaxPooling2D((3, 3), strides=(2, 2))(x)
        x = concatenate([b3, b7, bp], axis=3, name="mixed8")
        # mixed9-10: expanded filter banks
        for i in range(2):
            b1 = _conv_bn(x, 320, 1, 1)
            b3 = _conv_bn(x, 384, 1, 1)
            b3 = concatenate([_conv_bn(b3, 384, 1, 3), _conv_bn(b3, 384, 3, 1)], axis=3, name="mixed9_" + str(i))
            bd = _conv_bn(_conv_bn(x, 448, 1, 1), 384, 3, 3)
            bd = concatenate([_conv_bn(bd, 384, 1, 3), _conv_bn(bd, 384, 3, 1)], axis=3)
            bp = _pool_branch(x, 192)
            x = concatenate([b1, b3, bd, bp], axis=3, name="mixed" + str(9 + i))
        return Model(inputs, _top(x, include_top, pooling, classes, classifier_activation), name="inception_v3")

    """
}
