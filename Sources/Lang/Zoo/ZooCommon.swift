/// Helpers the zoo's architectures share, in cnnsh itself: students can read how each
/// classic network is put together (`help(resnet50)` prints its source).
enum ZooCommon {
    static let source = """
    # Keras's applications take these arguments; the default input size is the one each
    # network was designed for.
    def _input(input_shape, default):
        if input_shape is None:
            return Input(default)
        return Input(input_shape)

    # The classifier on top, or the pooling a headless network ends with.
    def _top(x, include_top, pooling, classes, classifier_activation):
        if include_top:
            x = GlobalAveragePooling2D(name="avg_pool")(x)
            return Dense(classes, activation=classifier_activation, name="predictions")(x)
        if pooling == "avg":
            return GlobalAveragePooling2D(name="avg_pool")(x)
        if pooling == "max":
            return GlobalMaxPooling2D(name="max_pool")(x)
        return x

    # The zero padding that makes a stride-2 'valid' convolution centre its windows as
    # TensorFlow's 'same' does: one less before than after on an even-sized side.
    def _correct_pad(x, kernel):
        rows = x.shape[1]
        cols = x.shape[2]
        half = kernel // 2
        return ((half - (1 - rows % 2), half), (half - (1 - cols % 2), half))

    """
}
