/// VGG-16 (Simonyan and Zisserman, 2014): five blocks of 3x3 convolutions, each closed by
/// 2x2 max-pooling, then two 4096-unit dense layers.
enum VGGSource {
    static let source = """
    def vgg16(include_top=True, input_shape=None, pooling=None, classes=1000, classifier_activation="softmax"):
        inputs = _input(input_shape, (224, 224, 3))
        x = inputs
        for block, (filters, convs) in enumerate([(64, 2), (128, 2), (256, 3), (512, 3), (512, 3)]):
            for i in range(convs):
                x = Conv2D(filters, (3, 3), activation="relu", padding="same", name=f"block{block + 1}_conv{i + 1}")(x)
            x = MaxPooling2D((2, 2), strides=(2, 2), name=f"block{block + 1}_pool")(x)
        if include_top:
            x = Flatten(name="flatten")(x)
            x = Dense(4096, activation="relu", name="fc1")(x)
            x = Dense(4096, activation="relu", name="fc2")(x)
            x = Dense(classes, activation=classifier_activation, name="predictions")(x)
        elif pooling == "avg":
            x = GlobalAveragePooling2D()(x)
        elif pooling == "max":
            x = GlobalMaxPooling2D()(x)
        return Model(inputs, x, name="vgg16")

    """
}
