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
        "load_mnist": ("MNIST as ((x_train, y_train), (x_test, y_test)), uint8 images 28x28. Kept as bytes (47 MB) through x / 255, reshapes and slices; fit converts batch by batch.", "MNIST como ((x_train, y_train), (x_test, y_test)), imágenes uint8 28x28. Se guardan como bytes (47 MB) tras x / 255, reshape y cortes; fit convierte lote a lote."),
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
        "Model": ("Functional model: Model(inputs=x, outputs=y); layers may branch and merge (add, concatenate).", "Modelo funcional: Model(inputs=x, outputs=y); las capas pueden ramificarse y unirse (add, concatenate)."),
        "vgg16": ("VGG-16 as keras.applications builds it (138,357,544 parameters): vgg16(include_top=True, input_shape=None, pooling=None, classes=1000).", "VGG-16 como lo construye keras.applications (138.357.544 parámetros): vgg16(include_top=True, input_shape=None, pooling=None, classes=1000)."),
        "resnet50": ("ResNet-50 with Keras's layer names (25,636,712 parameters); include_top=False and pooling='avg' for fine-tuning.", "ResNet-50 con los nombres de capa de Keras (25.636.712 parámetros); include_top=False y pooling='avg' para ajuste fino."),
        "resnet101": ("ResNet-101 with Keras's layer names (44,707,176 parameters).", "ResNet-101 con los nombres de capa de Keras (44.707.176 parámetros)."),
        "mobilenet_v2": ("MobileNetV2 (3,538,984 parameters): inverted residual blocks with depthwise convolutions; alpha= scales the width.", "MobileNetV2 (3.538.984 parámetros): bloques residuales invertidos con convoluciones en profundidad; alpha= escala el ancho."),
        "densenet121": ("DenseNet-121 (8,062,504 parameters): each layer reads all the feature maps before it.", "DenseNet-121 (8.062.504 parámetros): cada capa lee todos los mapas de características anteriores."),
        "inception_v3": ("Inception-v3 (23,851,784 parameters), 299x299 input: parallel branches concatenated.", "Inception-v3 (23.851.784 parámetros), entrada 299x299: ramas paralelas concatenadas."),
        "xception": ("Xception (22,910,480 parameters), 299x299 input: separable convolutions with residual connections.", "Xception (22.910.480 parámetros), entrada 299x299: convoluciones separables con conexiones residuales."),
        "efficientnet_b0": ("EfficientNet-B0 (5,330,571 parameters): squeeze-and-excitation and swish; takes 0..255 pixels.", "EfficientNet-B0 (5.330.571 parámetros): squeeze-and-excitation y swish; recibe píxeles 0..255."),
        "Normalization": ("Keras's Normalization: (x - mean) / sqrt(variance) per channel; Normalization(mean=[...], variance=[...]).", "Normalization de Keras: (x - media) / sqrt(varianza) por canal; Normalization(mean=[...], variance=[...])."),
        "preprocess_input": ("Prepare 0..255 RGB images for a zoo network: preprocess_input(x, 'resnet50') (modes 'caffe', 'tf', 'torch').", "Prepara imágenes RGB 0..255 para una red del zoo: preprocess_input(x, 'resnet50') (modos 'caffe', 'tf', 'torch')."),
        "decode_predictions": ("ImageNet class names for 1000-class predictions: decode_predictions(p, top=5) gives (id, name, probability) tuples.", "Nombres de clase de ImageNet para predicciones de 1000 clases: decode_predictions(p, top=5) da tuplas (id, nombre, probabilidad)."),
        "Add": ("Keras's Add merge layer: Add()([x, y]) sums tensors of equal shape (axes of 1 stretch).", "Capa de fusión Add de Keras: Add()([x, y]) suma tensores de igual forma (los ejes de 1 se estiran)."),
        "Subtract": ("Keras's Subtract: Subtract()([x, y]) is x - y.", "Subtract de Keras: Subtract()([x, y]) es x - y."),
        "Multiply": ("Keras's Multiply: element-wise product, e.g. a squeeze-and-excitation gate.", "Multiply de Keras: producto elemento a elemento, p. ej. la compuerta squeeze-and-excitation."),
        "Average": ("Keras's Average: element-wise mean of the inputs.", "Average de Keras: media elemento a elemento de las entradas."),
        "Maximum": ("Keras's Maximum: element-wise maximum of the inputs.", "Maximum de Keras: máximo elemento a elemento de las entradas."),
        "Minimum": ("Keras's Minimum: element-wise minimum of the inputs.", "Minimum de Keras: mínimo elemento a elemento de las entradas."),
        "subtract": ("x - y as a layer: subtract([x, y]) (placeholders or arrays).", "x - y como capa: subtract([x, y]) (marcadores o arrays)."),
        "multiply": ("Element-wise product as a layer: multiply([x, y]).", "Producto elemento a elemento como capa: multiply([x, y])."),
        "average": ("Element-wise mean as a layer: average([x, y]).", "Media elemento a elemento como capa: average([x, y])."),
        "maximum": ("Element-wise maximum as a layer: maximum([x, y]).", "Máximo elemento a elemento como capa: maximum([x, y])."),
        "minimum": ("Element-wise minimum as a layer: minimum([x, y]).", "Mínimo elemento a elemento como capa: minimum([x, y])."),
        "Concatenate": ("Keras's Concatenate(axis=-1): joins tensors along the channels (DenseNet, Inception).", "Concatenate(axis=-1) de Keras: une tensores por los canales (DenseNet, Inception)."),
        "ZeroPadding2D": ("Zero rows and columns around images: ZeroPadding2D(1), ZeroPadding2D(((0, 1), (0, 1))).", "Filas y columnas de ceros alrededor: ZeroPadding2D(1), ZeroPadding2D(((0, 1), (0, 1)))."),
        "Rescaling": ("y = x * scale + offset inside the model: Rescaling(1/255).", "y = x * scale + offset dentro del modelo: Rescaling(1/255)."),
        "Reshape": ("Same values, another per-sample shape: Reshape((1, 1, 64)); -1 is inferred.", "Mismos valores, otra forma por muestra: Reshape((1, 1, 64)); -1 se deduce."),
        "DepthwiseConv2D": ("Each channel convolved with its own kernel (MobileNet): DepthwiseConv2D((3, 3), padding='same').", "Cada canal convolucionado con su propio kernel (MobileNet): DepthwiseConv2D((3, 3), padding='same')."),
        "SeparableConv2D": ("Depthwise then 1x1 convolution (Xception): SeparableConv2D(64, (3, 3)).", "Convolución en profundidad y luego 1x1 (Xception): SeparableConv2D(64, (3, 3))."),
        "relu6": ("min(max(x, 0), 6): MobileNet's activation; ReLU(max_value=6) as a layer.", "min(max(x, 0), 6): la activación de MobileNet; ReLU(max_value=6) como capa."),
        "swish": ("x * sigmoid(x) (also called silu): EfficientNet's activation.", "x * sigmoid(x) (también llamada silu): la activación de EfficientNet."),

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
        "avgpool": ("Average-pooling layer: avgpool(2); 'same' padding leaves the padding out of the mean.", "Capa de pooling promedio: avgpool(2); con 'same' el relleno no cuenta en la media."),
        "global_avgpool": ("Mean of each channel over the whole image: (h, w, c) -> (c).", "Media de cada canal sobre toda la imagen: (h, w, c) -> (c)."),
        "global_maxpool": ("Largest value of each channel over the whole image: (h, w, c) -> (c).", "Mayor valor de cada canal sobre toda la imagen: (h, w, c) -> (c)."),
        "dropout": ("Dropout layer: dropout(0.25) zeroes 25% of values while training (scaling the rest), does nothing at inference.", "Capa Dropout: dropout(0.25) anula el 25% de los valores al entrenar (escalando el resto); no actúa en inferencia."),
        "batchnorm": ("Batch normalisation over channels (momentum=0.99, epsilon=0.001); moving statistics are non-trainable parameters.", "Normalización por lotes sobre los canales (momentum=0.99, epsilon=0.001); las estadísticas móviles son parámetros no entrenables."),
        "leaky_relu": ("x if x > 0 else alpha*x (alpha=0.3); leaky_relu(alpha=0.1) makes a layer.", "x si x > 0, si no alpha*x (alpha=0.3); leaky_relu(alpha=0.1) crea una capa."),
        "elu": ("x if x > 0 else alpha*(e^x - 1) (alpha=1).", "x si x > 0, si no alpha*(e^x - 1) (alpha=1)."),
        "softplus": ("log(1 + e^x), a smooth relu.", "log(1 + e^x), una relu suave."),
        "step": ("1 if x > 0 else 0: the perceptron's activation; forward only (no gradient to train with).", "1 si x > 0, si no 0: la activación del perceptrón; solo hacia delante (sin gradiente para entrenar)."),
        "image_folder": ("Photos from class folders: x, y = image_folder('PetImages', size=(128, 128), limit_per_class=6000, seed=1). Labels follow the sorted folder names; unreadable files are skipped and listed.", "Fotos de carpetas por clase: x, y = image_folder('PetImages', size=(128, 128)). Etiquetas según el orden de las carpetas; los archivos ilegibles se omiten y se listan."),
        "class_names": ("The class folders of an image folder, sorted: the label order of image_folder.", "Las carpetas de clase de una carpeta de imágenes, ordenadas: el orden de etiquetas de image_folder."),
        "load_image": ("One photo as a (h, w, 3) uint8 array: load_image('dog.jpg', size=(128, 128)).", "Una foto como array uint8 (alto, ancho, 3): load_image('perro.jpg', size=(128, 128))."),
        "train_test_split": ("x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.25, stratify=True, seed=0).", "x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.25, stratify=True, seed=0)."),
        "balance": ("Undersample every class to the size of the smallest: x, y = balance(x, y, seed=0).", "Submuestrea cada clase al tamaño de la menor: x, y = balance(x, y, seed=0)."),
        "save": ("Save architecture, weights, compile settings and optimizer state: save(model, 'model.cnnsh'); save(model, 'model.keras') writes Keras 3's format.", "Guarda arquitectura, pesos, compilación y estado del optimizador: save(model, 'modelo.cnnsh'); save(model, 'modelo.keras') escribe el formato de Keras 3."),
        "load_model": ("Load a model saved with save() (it predicts exactly as before and can keep training), or a Keras 3 .keras file.", "Carga un modelo guardado con save() (predice igual que antes y puede seguir entrenando), o un archivo .keras de Keras 3."),
        "freeze": ("Freeze layers for fine-tuning: freeze(model, upto='conv5_block3_out') (all without upto=); fit then trains only the rest.", "Congela capas para el ajuste fino: freeze(model, upto='conv5_block3_out') (todas sin upto=); fit entrena solo el resto."),
        "unfreeze": ("Make every layer trainable again (moving statistics stay non-trainable).", "Vuelve entrenables todas las capas (las estadísticas móviles siguen sin entrenarse)."),
        "save_weights": ("Write the weights alone as Keras does: save_weights(model, 'model.weights.h5').", "Escribe solo los pesos, como Keras: save_weights(model, 'modelo.weights.h5')."),
        "load_weights": ("Read weights into a model of the same architecture from a Keras .weights.h5 or .keras file; a mismatch names the layer.", "Lee pesos en un modelo de la misma arquitectura desde un archivo .weights.h5 o .keras de Keras; si no encajan, nombra la capa."),
        "get_weights": ("Copies of a model's or layer's weight arrays.", "Copias de los arrays de pesos de un modelo o capa."),
        "set_weights": ("Replace a model's or layer's weights with arrays of the same shapes.", "Sustituye los pesos de un modelo o capa por arrays de las mismas formas."),
        "early_stopping": ("Stop when monitor (val_loss) has not improved for patience epochs: early_stopping(patience=3, restore_best_weights=True).", "Detiene el entrenamiento si monitor (val_loss) no mejora en patience épocas: early_stopping(patience=3, restore_best_weights=True)."),
        "model_checkpoint": ("Save the model each epoch, or only on improvement: model_checkpoint('ckpt/m-{epoch:02d}.cnnsh', save_best_only=True).", "Guarda el modelo en cada época, o solo si mejora: model_checkpoint('ckpt/m-{epoch:02d}.cnnsh', save_best_only=True)."),
        "reduce_lr_on_plateau": ("Multiply the learning rate by factor (0.1) after patience (10) epochs without improvement.", "Multiplica la tasa de aprendizaje por factor (0.1) tras patience (10) épocas sin mejora."),
        "lr_scheduler": ("Set the learning rate each epoch from your function: lr_scheduler(lambda epoch, lr: lr * 0.9).", "Fija la tasa de aprendizaje en cada época con tu función: lr_scheduler(lambda epoch, lr: lr * 0.9)."),
        "csv_logger": ("Write each epoch's metrics to a CSV file: csv_logger('training.csv').", "Escribe las métricas de cada época en un CSV: csv_logger('entrenamiento.csv')."),
        "tensorboard": ("Write TensorBoard event files: tensorboard('logs'), then run tensorboard --logdir logs.", "Escribe archivos de eventos de TensorBoard: tensorboard('logs'), y luego tensorboard --logdir logs."),
        "confusion_matrix": ("Rows = true class, columns = predicted: confusion_matrix(y_true, y_pred, normalize='true') or confusion_matrix(model, x, y).", "Filas = clase real, columnas = predicha: confusion_matrix(y_true, y_pred, normalize='true') o confusion_matrix(model, x, y)."),
        "classification_report": ("Precision, recall, f1 and support per class, as scikit-learn prints them: print(classification_report(y_true, y_pred, target_names=['cat', 'dog'])).", "Precisión, exhaustividad, f1 y soporte por clase, como los imprime scikit-learn: print(classification_report(y_true, y_pred, target_names=['gato', 'perro']))."),
        "plot": ("Training curves in the terminal: plot(h); several runs: plot([h1, h2], labels=['adam', 'sgd']); to a file: plot(h, file='curves.svg') or 'curves.png'; or y against x: plot(x, relu(x)).", "Curvas de entrenamiento en la terminal: plot(h); varias: plot([h1, h2], labels=['adam', 'sgd']); a un archivo: plot(h, file='curvas.svg') o 'curvas.png'; o y frente a x: plot(x, relu(x))."),
        "show": ("Draw images in the terminal: show(x_train[0]); a grid with captions: show(x[:16], labels=y[:16]); to a file: show(x[:16], file='digits.png').", "Dibuja imágenes en la terminal: show(x_train[0]); una cuadrícula con rótulos: show(x[:16], labels=y[:16]); a un archivo: show(x[:16], file='digitos.png')."),
        "bar": ("Horizontal bars: bar(['A', 'B'], [35.68, 13.56], title='seconds per model'); file='times.svg' or 'times.png' writes a file.", "Barras horizontales: bar(['A', 'B'], [35.68, 13.56], title='segundos por modelo'); file='tiempos.svg' o 'tiempos.png' escribe un archivo."),
        "plot_confusion": ("A confusion matrix as a heat map: plot_confusion(confusion_matrix(y_true, y_pred), labels=['cat', 'dog']); file='cm.svg' or 'cm.png' writes a file.", "Una matriz de confusión como mapa de calor: plot_confusion(confusion_matrix(y_true, y_pred), labels=['gato', 'perro']); file='cm.svg' o 'cm.png' escribe un archivo."),
        "Activation": ("A layer that applies an activation: Activation('relu').", "Una capa que aplica una activación: Activation('relu')."),
        "Flatten": ("Keras's Flatten layer: (h, w, c) -> (h*w*c).", "La capa Flatten de Keras: (alto, ancho, c) -> (alto*ancho*c)."),
        "ReLU": ("Keras's ReLU layer: max(x, 0).", "La capa ReLU de Keras: max(x, 0)."),
        "LeakyReLU": ("Keras's LeakyReLU layer (negative_slope=0.3).", "La capa LeakyReLU de Keras (negative_slope=0.3)."),
        "ELU": ("Keras's ELU layer (alpha=1).", "La capa ELU de Keras (alpha=1)."),
        "Softmax": ("Keras's Softmax layer: probabilities over the last axis.", "La capa Softmax de Keras: probabilidades sobre el último eje."),
        "relu": ("max(x, 0); as an argument, the layer's activation: dense(128, activation=relu).", "max(x, 0); como argumento, la activación de la capa: dense(128, activation=relu)."),
        "sigmoid": ("1 / (1 + e^-x), between 0 and 1: the output of a binary classifier.", "1 / (1 + e^-x), entre 0 y 1: la salida de un clasificador binario."),
        "tanh": ("Hyperbolic tangent, between -1 and 1.", "Tangente hiperbólica, entre -1 y 1."),
        "softmax": ("e^x / sum(e^x) over the last axis: class probabilities that add up to 1.", "e^x / sum(e^x) sobre el último eje: probabilidades de clase que suman 1."),
        "linear": ("The identity: no activation (Keras's default for Dense and Conv2D).", "La identidad: sin activación (lo que usan Dense y Conv2D de Keras por defecto)."),
        "abs": ("Absolute value of a number or of every array element.", "Valor absoluto de un número o de cada elemento de un array."),
        "exp": ("e^x, element-wise.", "e^x, elemento a elemento."),
        "log": ("Natural logarithm, element-wise.", "Logaritmo natural, elemento a elemento."),
        "sqrt": ("Square root, element-wise.", "Raíz cuadrada, elemento a elemento."),
        "sum": ("Sum of a list or array (along axis=).", "Suma de una lista o array (a lo largo de axis=)."),
        "mean": ("Mean of an array (along axis=).", "Media de un array (a lo largo de axis=)."),
        "std": ("Standard deviation of an array (along axis=).", "Desviación típica de un array (a lo largo de axis=)."),
        "min": ("Smallest value of an array, a list, or of the arguments.", "Menor valor de un array, una lista o de los argumentos."),
        "max": ("Largest value of an array, a list, or of the arguments.", "Mayor valor de un array, una lista o de los argumentos."),
        "round": ("Round a number (to ndigits decimals).", "Redondea un número (a ndigits decimales)."),
        "all": ("True if every value is true (non-zero).", "True si todos los valores son verdaderos (no nulos)."),
        "any": ("True if some value is true (non-zero).", "True si algún valor es verdadero (no nulo)."),
        "shape": ("The shape of an array as a tuple (also x.shape).", "La forma de un array como tupla (también x.shape)."),
        "transpose": ("Axes reversed: rows become columns (also x.T).", "Ejes invertidos: las filas pasan a columnas (también x.T)."),
        "copy": ("An independent copy of an array.", "Una copia independiente de un array."),
        "astype": ("The array converted to a dtype: astype(x, 'float32'), 'uint8', 'int64', 'bool'.", "El array convertido a un dtype: astype(x, 'float32'), 'uint8', 'int64', 'bool'."),
        "tolist": ("An array as nested lists.", "Un array como listas anidadas."),
        "concatenate": ("Join arrays along the first axis: concatenate([a, b]); on Input placeholders, Keras's layer (axis=-1).", "Une arrays a lo largo del primer eje: concatenate([a, b]); sobre marcadores de Input, la capa de Keras (axis=-1)."),
        "rand": ("Uniform random values in [0, 1) of a shape: rand(2, 3); seed() makes them repeatable.", "Valores aleatorios uniformes en [0, 1) con una forma: rand(2, 3); seed() los hace repetibles."),
        "permutation": ("The integers 0..n-1 shuffled: permutation(10).", "Los enteros 0..n-1 barajados: permutation(10)."),
        "int": ("Convert to an integer (truncating).", "Convierte a entero (truncando)."),
        "float": ("Convert to a floating-point number.", "Convierte a número real."),
        "bool": ("Convert to True or False.", "Convierte a True o False."),
        "str": ("Convert to text.", "Convierte a texto."),
        "repr": ("The value as it prints at the prompt.", "El valor tal como se muestra en la consola."),
        "list": ("A list from any sequence: list(range(3)).", "Una lista a partir de una secuencia: list(range(3))."),
        "tuple": ("A tuple from any sequence.", "Una tupla a partir de una secuencia."),
        "dict": ("An empty dictionary: d = dict(); d['loss'] = 0.1 (or {'loss': 0.1}).", "Un diccionario vacío: d = dict(); d['loss'] = 0.1 (o {'loss': 0.1})."),
        "AveragePooling2D": ("Keras's AveragePooling2D.", "AveragePooling2D de Keras."),
        "enumerate": ("Pairs (index, item): for i, x in enumerate(items).", "Pares (índice, elemento): for i, x in enumerate(items)."),
        "zip": ("Items of several sequences side by side: for a, b in zip(xs, ys).", "Elementos de varias secuencias a la par: for a, b in zip(xs, ys)."),
        "sorted": ("A sorted list (reverse=True for descending).", "Una lista ordenada (reverse=True para descendente)."),
        "type": ("The name of a value's type.", "El nombre del tipo de un valor."),
        "isinstance": ("True if a value has a type: isinstance(3, int).", "True si un valor es de un tipo: isinstance(3, int)."),
        "memory": ("Megabytes of memory this session holds now; memory(peak=True): the most it has held.", "Megabytes de memoria que esta sesión ocupa ahora; memory(peak=True): lo máximo que ha ocupado."),
        "time": ("Seconds since 1970; time(f) runs f() and prints how long it took.", "Segundos desde 1970; time(f) ejecuta f() e imprime cuánto tardó."),
        "add": ("Append a layer to a Sequential model (Keras's model.add), or sum tensors: add([x, y]).", "Añade una capa a un modelo secuencial (model.add de Keras), o suma tensores: add([x, y])."),
        "count_params": ("Number of parameters of a model or layer.", "Número de parámetros de un modelo o capa."),
        "explain": ("Each layer's output shape with the arithmetic behind it, its parameter count as a sum (3*3*1*32 weights + 32 biases = 320) and its cost in FLOP.", "La forma de salida de cada capa con su aritmética, sus parámetros como suma (3*3*1*32 pesos + 32 sesgos = 320) y su coste en FLOP."),
        "trace": ("Run one sample through the model and print, per layer, the output shape, min/mean/max and the share of zeros (ReLU's inactive units).", "Pasa una muestra por el modelo e imprime, por capa, la forma de salida, mín/media/máx y la proporción de ceros (unidades ReLU inactivas)."),
        "gradcheck": ("Compare backpropagation with finite differences on a few samples (samples=4, step=0.001) and print the largest relative error per weight tensor. ReLU and max-pooling have kinks (counted apart); tanh nets agree to about 1e-4.", "Compara la retropropagación con diferencias finitas sobre unas muestras (samples=4, step=0.001) e imprime el mayor error relativo por tensor de pesos. ReLU y max-pooling tienen ángulos (se cuentan aparte); con tanh coinciden hasta ~1e-4."),
        "show_filters": ("Draw a Conv2D layer's kernels (the first convolution by default; layer= a name or index; channel=0 for grey kernels; limit=64).", "Dibuja los núcleos de una capa Conv2D (por defecto la primera convolución; layer= un nombre o índice; channel=0 para núcleos en gris; limit=64)."),
        "show_activations": ("Draw the feature maps one layer makes of one sample: show_activations(model, x[0], layer=0), each channel stretched to black..white.", "Dibuja los mapas de características que una capa produce para una muestra: show_activations(model, x[0], layer=0), cada canal estirado de negro a blanco."),
        "conv2d": ("Slide a kernel over a small matrix, as a Conv2D layer does (no flip; stride=1, padding='valid'); steps=True prints every window's products.", "Desliza un núcleo sobre una matriz pequeña, como una capa Conv2D (sin voltear; stride=1, padding='valid'); steps=True imprime los productos de cada ventana."),
        "maxpool2d": ("Max-pooling of a small matrix (size=2, stride=size, padding='valid'); steps=True prints every window.", "Max-pooling de una matriz pequeña (size=2, stride=size, padding='valid'); steps=True imprime cada ventana."),
        "avgpool2d": ("Average pooling of a small matrix (size=2, stride=size, padding='valid'); steps=True prints every window.", "Pooling promedio de una matriz pequeña (size=2, stride=size, padding='valid'); steps=True imprime cada ventana."),
        "env": ("An environment variable's value, or default (None): env('CNNSH_QUICK', '0'). A script's own arguments are in args: cnnsh script.cnn --quick gives args == ['--quick'].", "El valor de una variable de entorno, o default (None): env('CNNSH_QUICK', '0'). Los argumentos de un script están en args: cnnsh script.cnn --quick da args == ['--quick']."),
        "help": ("This help: help(), help(fit), help('conv').", "Esta ayuda: help(), help(fit)."),
    ]

    static func text(for name: String?, table: BuiltinTable) -> String {
        guard let name else {
            return Catalog.text(.helpIndex) + "\n" + wrap(table.names.joined(separator: " "), width: 78)
        }
        guard let b = table[name] else { return Catalog.text(.helpUnknown, name) }
        let params = b.parameters.map { $0.hasPrefix("*") ? "*" + $0.dropFirst() : $0 }.joined(separator: ", ")
        var lines = ["\(name)(\(params))"]
        let target = table.aliases[name]
        if let target { lines.append("    " + Catalog.text(.helpAliasOf, target)) }
        if let doc = (docs[name] ?? target.flatMap { docs[$0] }).map({ Catalog.language == .es ? $0.es : $0.en }) {
            lines.append("    " + doc)
        }
        if let example = HelpExamples.all[name] ?? target.flatMap({ HelpExamples.all[$0] }) {
            lines.append("    " + Catalog.text(.helpExample))
            lines += example.split(separator: "\n").map { "        " + $0 }
        }
        // The zoo's networks are written in cnnsh: show how.
        if let source = Zoo.source(of: target ?? name) {
            lines.append("    " + Catalog.text(.helpZooSource))
            lines += source.split(separator: "\n", omittingEmptySubsequences: false).map { "        " + $0 }
        }
        return lines.joined(separator: "\n")
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
