/// EfficientNet-B0 (Tan and Le, 2019): mobile inverted bottlenecks with squeeze-and-
/// excitation and swish, the input rescaled and normalised inside the model.
enum EfficientNetSource {
    static let source = """
    def _mb_block(x, name, kernel, stride, filters_in, filters_out, expand, drop_rate, se_ratio=0.25):
        inputs = x
        filters = filters_in * expand
        if expand != 1:
            x = Conv2D(filters, 1, padding="same", use_bias=False, name=name + "expand_conv")(x)
            x = BatchNormalization(name=name + "expand_bn")(x)
            x = Activation("swish", name=name + "expand_activation")(x)
        if stride == 2:
            x = ZeroPadding2D(_correct_pad(x, kernel), name=name + "dwconv_pad")(x)
        x = DepthwiseConv2D(kernel, strides=stride, padding="valid" if stride == 2 else "same", use_bias=False, name=name + "dwconv")(x)
        x = BatchNormalization(name=name + "bn")(x)
        x = Activation("swish", name=name + "activation")(x)
        # Squeeze and excitation: a per-channel gate computed from the whole feature map.
        squeezed = max(1, int(filters_in * se_ratio))
        se = GlobalAveragePooling2D(name=name + "se_squeeze")(x)
        se = Reshape((1, 1, filters), name=name + "se_reshape")(se)
        se = Conv2D(squeezed, 1, padding="same", activation="swish", name=name + "se_reduce")(se)
        se = Conv2D(filters, 1, padding="same", activation="sigmoid", name=name + "se_expand")(se)
        x = multiply([x, se], name=name + "se_excite")
        x = Conv2D(filters_out, 1, padding="same", use_bias=False, name=name + "project_conv")(x)
        x = BatchNormalization(name=name + "project_bn")(x)
        if stride == 1 and filters_in == filters_out:
            if drop_rate > 0:
                x = Dropout(drop_rate, noise_shape=(None, 1, 1, 1), name=name + "drop")(x)
            x = add([x, inputs], name=name + "add")
        return x

    def efficientnet_b0(include_top=True, input_shape=None, pooling=None, classes=1000, classifier_activation="softmax"):
        inputs = _input(input_shape, (224, 224, 3))
        x = Rescaling(1.0 / 255.0)(inputs)
        x = Normalization()(x)
        x = ZeroPadding2D(_correct_pad(x, 3), name="stem_conv_pad")(x)
        x = Conv2D(32, 3, strides=2, padding="valid", use_bias=False, name="stem_conv")(x)
        x = BatchNormalization(name="stem_bn")(x)
        x = Activation("swish", name="stem_activation")(x)
        # (kernel, repeats, filters in, filters out, expansion, stride) per stage.
        stages = [(3, 1, 32, 16, 1, 1), (3, 2, 16, 24, 6, 2), (5, 2, 24, 40, 6, 2), (3, 3, 40, 80, 6, 2),
                  (5, 3, 80, 112, 6, 1), (5, 4, 112, 192, 6, 2), (3, 1, 192, 320, 6, 1)]
        total = 16
        b = 0
        for stage, (kernel, repeats, filters_in, filters_out, expand, stride) in enumerate(stages):
            for j in range(repeats):
                name = f"block{stage + 1}{'abcd'[j]}_"
                x = _mb_block(x, name, kernel, stride if j == 0 else 1, filters_in if j == 0 else filters_out,
                              filters_out, expand, 0.2 * b / total)
                b += 1
        x = Conv2D(1280, 1, padding="same", use_bias=False, name="top_conv")(x)
        x = BatchNormalization(name="top_bn")(x)
        x = Activation("swish", name="top_activation")(x)
        if include_top:
            x = GlobalAveragePooling2D(name="avg_pool")(x)
            x = Dropout(0.2, name="top_dropout")(x)
            x = Dense(classes, activation=classifier_activation, name="predictions")(x)
        elif pooling == "avg":
            x = GlobalAveragePooling2D(name="avg_pool")(x)
        elif pooling == "max":
            x = GlobalMaxPooling2D(name="max_pool")(x)
        return Model(inputs, x, name="efficientnetb0")

    """
}
