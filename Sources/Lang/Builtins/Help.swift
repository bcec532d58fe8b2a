import DLRuntime

/// `help()` and `help(name)`: each builtin's signature (from its parameter list) and a
/// one-line description in the interface's language.
enum Help {
    static let docs: [String: (en: String, es: String)] = [
        "print": ("Print values separated by spaces.", "Imprime valores separados por espacios."),
        "len": ("Number of items (first axis of an array).", "Número de elementos (primer eje de un array)."),
        "range": ("Integers from start to stop (exclusive).", "Enteros desde start hasta stop (excluido)."),
        "seed": ("Seed the random source: weight init, shuffling; makes runs repeatable.", "Fija la semilla aleatoria (inicialización, barajado): ejecuciones repetibles."),
        "threads": ("Set or read the number of cores used (default: all).", "Fija o consulta los núcleos usados (por defecto: todos)."),
        "zeros": ("Array of zeros: zeros((2, 3)).", "Array de ceros: zeros((2, 3))."),
        "ones": ("Array of ones.", "Array de unos."),
        "array": ("Array from a (nested) list: array([[1, 2], [3, 4]]).", "Array a partir de una lista (anidada)."),
        "arange": ("Evenly spaced values: arange(10).", "Valores equiespaciados: arange(10)."),
        "reshape": ("Same values, new shape; -1 is inferred: reshape(x, (-1, 784)).", "Mismos valores, otra forma; -1 se deduce."),
        "expand_dims": ("Insert an axis of size 1: expand_dims(x, -1) turns (n, 28, 28) into (n, 28, 28, 1).", "Inserta un eje de tamaño 1: (n, 28, 28) -> (n, 28, 28, 1)."),
        "squeeze": ("Remove axes of size 1.", "Quita los ejes de tamaño 1."),
        "normalize": ("Divide by 255 (or scale=): pixels into [0, 1].", "Divide por 255 (o scale=): píxeles en [0, 1]."),
        "one_hot": ("One-hot encode integer labels: one_hot(y, 10).", "Codificación one-hot de etiquetas: one_hot(y, 10)."),
        "argmax": ("Index of the largest value (along axis=).", "Índice del mayor valor (a lo largo de axis=)."),
        "load_mnist": ("MNIST as ((x_train, y_train), (x_test, y_test)), uint8 images 28x28.", "MNIST como ((x_train, y_train), (x_test, y_test)), imágenes uint8 28x28."),
        "load_cifar10": ("CIFAR-10 as ((x_train, y_train), (x_test, y_test)), uint8 images 32x32x3, labels (n, 1); names in cifar10_classes.", "CIFAR-10 como ((x_train, y_train), (x_test, y_test)), imágenes uint8 32x32x3, etiquetas (n, 1); nombres en cifar10_classes."),
        "conv": ("Convolution layer, relu and 'same' by default: conv(32, 3).", "Capa convolucional, relu y 'same' por defecto: conv(32, 3)."),
        "Conv2D": ("Keras's Conv2D (linear, 'valid' by default).", "Conv2D de Keras (lineal, 'valid' por defecto)."),
        "maxpool": ("Max-pooling layer: maxpool(2), maxpool(2, stride=1, padding='same').", "Capa de Max-Pooling: maxpool(2)."),
        "MaxPooling2D": ("Keras's MaxPooling2D.", "MaxPooling2D de Keras."),
        "flatten": ("Flatten layer (or flatten an array).", "Capa Flatten (o aplana un array)."),
        "dense": ("Fully connected layer, relu by default: dense(128).", "Capa densa, relu por defecto: dense(128)."),
        "Dense": ("Keras's Dense (linear by default).", "Dense de Keras (lineal por defecto)."),
        "input": ("The input shape of a model: input((28, 28, 1)).", "La forma de entrada de un modelo: input((28, 28, 1))."),
        "seq": ("A Sequential model from layers: seq(input((28,28,1)), conv(32, 3), flatten, dense(10, softmax)).", "Un modelo secuencial a partir de capas."),
        "Sequential": ("Keras's Sequential([...]).", "Sequential([...]) de Keras."),
        "Model": ("Functional model: Model(inputs=x, outputs=y).", "Modelo funcional: Model(inputs=x, outputs=y)."),
        "summary": ("Print the layer table and parameter counts.", "Imprime la tabla de capas y los parámetros."),
        "compile": ("Set optimizer, loss and metrics.", "Fija optimizador, pérdida y métricas."),
        "fit": ("Train; returns the history (h.history['val_loss']). Ctrl-C stops after the current batch.", "Entrena; devuelve el historial. Ctrl-C detiene tras el lote actual."),
        "evaluate": ("Loss and metrics on data: [loss, accuracy].", "Pérdida y métricas sobre datos: [loss, accuracy]."),
        "predict": ("Model outputs for a batch or a single sample.", "Salidas del modelo para un lote o una muestra."),
        "adam": ("Adam optimizer (learning_rate=0.001).", "Optimizador Adam (learning_rate=0.001)."),
        "adadelta": ("Adadelta optimizer (learning_rate=0.001, rho=0.95).", "Optimizador Adadelta (learning_rate=0.001, rho=0.95)."),
        "sgd": ("SGD optimizer (learning_rate=0.01, momentum=0).", "Optimizador SGD (learning_rate=0.01, momentum=0)."),
        "rmsprop": ("RMSprop optimizer (learning_rate=0.001).", "Optimizador RMSprop (learning_rate=0.001)."),
        "adagrad": ("Adagrad optimizer (learning_rate=0.001).", "Optimizador Adagrad (learning_rate=0.001)."),
        "callback": ("A callback from your functions: callback(on_epoch_end=f) where f(epoch, logs).", "Un callback con tus funciones: callback(on_epoch_end=f)."),
        "test_normalize_images": ("The notebook's check of your normalize_images.", "La prueba del notebook para tu normalize_images."),
        "test_one_hot": ("The notebook's check of your one_hot.", "La prueba del notebook para tu one_hot."),
        "help": ("This help: help(), help(fit), help('conv').", "Esta ayuda: help(), help(fit)."),
    ]

    static func text(for name: String?, table: BuiltinTable) -> String {
        guard let name else {
            return Catalog.text(.helpIndex) + "\n" + wrap(table.names.joined(separator: " "), width: 78)
        }
        guard let b = table[name] else { return Catalog.text(.helpUnknown, name) }
        let params = b.parameters.map { $0.hasPrefix("*") ? "*" + $0.dropFirst() : $0 }.joined(separator: ", ")
        let doc = docs[name].map { Catalog.language == .es ? $0.es : $0.en } ?? ""
        return "\(name)(\(params))" + (doc.isEmpty ? "" : "\n    " + doc)
    }

    static func wrap(_ s: String, width: Int) -> String {
        var lines: [String] = [], line = ""
        for w in s.split(separator: " ") {
            if line.count + w.count + 1 > width { lines.append(line); line = "" }
            line += (line.isEmpty ? "  " : " ") + w
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}
