/// Every message id. Adding one means writing it in both languages below.
public enum MessageKey: String, Sendable, CaseIterable {
    case threadsOutOfRange
    case layerNeedsImage
    case layerInputTooSmall
    case denseNeedsVector
    case layerShapeMismatch
    case theInput
    case modelHasNoLayers
    case dataShapeMismatch
    case summaryNeedsBuild
    case unknownMetric
    case modelNotCompiled
    case dataNeedsBatchAxis
    case sampleCountMismatch
    case mustBePositive
    case validationSplitRange
    case validationSplitEmpty
    case validationTailSkewed
    case batchTooLarge
    case cifarTruncated
    case cifarBadLabel
    case trainingInterrupted
    case nonFiniteLoss
    case interrupted
    case sparseLabelsShape
    case labelOutOfRange
    case targetsDoNotMatchOutput
    case hintOneHot
    case fileNotReadable
    case fileCorrupt
    case idxUnsupportedType
    case idxTruncated
    case mnistCountsDiffer
    case datasetMissing
    case broadcastMismatch
    case badOperands
    case badOperand
    case divisionByZero
    case tokenString
    case tokenEndOfLine
    case tokenIndent
    case tokenDedent
    case tokenEndOfInput
    case unexpectedCharacter
    case inconsistentDedent
    case badNumber
    case unterminatedString
    case nestedTooDeeply
    case bracketNeverClosed
    case unmatchedBracket
    case mismatchedBracket
    case unterminatedFormat
    case expectedToken
    case expectedName
    case expectedEndOfLine
    case expectedExpression
    case expectedIndentedBlock
    case unexpectedIndent
    case cannotAssign
    case positionalAfterKeyword
    case returnOutsideFunction
    case loopControlOutsideLoop
    case unknownName
    case unknownNameSuggest
    case didYouMean
    case unpackCount
    case notIterable
    case unhashable
    case recursionTooDeep
    case tooManyArguments
    case unknownKeyword
    case unknownKeywordHint
    case duplicateArgument
    case missingArgument
    case wrongArgumentType
    case typeInteger
    case typeNumber
    case typeString
    case typeArray
    case typePair
    case typeShape
    case typeActivation
    case typeModel
    case typeOptimizer
    case typeSymbolic
    case typeCallback
    case notCallable
    case layerCallNeedsInput
    case formatNeedsNumber
    case badFormatSpec
    case formatArgumentCount
    case dictKeySlice
    case keyNotFound
    case indexNotInteger
    case sliceStepZero
    case notSubscriptable
    case notSubscriptAssignable
    case tooManyIndices
    case listIndexArray
    case indexOutOfRange
    case maskLength
    case assignNeedsNumbers
    case assignShapeMismatch
    case unknownAttribute
    case cannotSetAttribute
    case expectedNumber
    case expectedString
    case lenOfScalar
    case noLength
    case notANumber
    case noIntegerValue
    case elapsed
    case popEmpty
    case notInList
    case raggedArray
    case notArrayLike
    case arrayTooLarge
    case axisOutOfRange
    case reshapeMismatch
    case squeezeNotOne
    case oneHotShape
    case emptyReduction
    case onlyAxisZero
    case concatenateShapes
    case unknownDType
    case unknownActivation
    case unknownPadding
    case layerUsedTwice
    case notALayer
    case modelOutputsNotFromInputs
    case unknownLoss
    case unknownOptimizer
    case validationDataPair
    case callbackFailed
    case trainingStopped
    case testsPassed
    case checkNotArray
    case checkWrongShape
    case checkWrongValue
    case usage
    case cannotReadScript
    case unknownOption
    case errorLabel
    case welcome
    case helpUnknown
    case helpIndex
    case mustBeNonNegative
    case dropoutRate
    case batchNormAxis
    case batchNormMomentum
    case stepNotTrainable
    case imageNotDecodable
    case imageNotEncodable
    case folderMissing
    case notAFolder
    case classFolderMissing
    case tooFewClasses
    case classFolderEmpty
    case noReadableImages
    case mixedImageSizes
    case foundImages
    case skippedImages
    case andMore
    case testSizeRange
    case folderForFileMissing
    case fileNotWritable
    case modelFileCorrupt
    case modelFileUnknownLayer
    case modelFileCorruptAt
    case notAModelFile
    case modelFileTooNew
    case unknownMonitorMode
    case monitorMissing
    case earlyStopped
    case restoredBestWeights
    case reduceFactorRange
    case reducedLearningRate
    case scheduleBadRate
    case scheduledLearningRate
    case badPathTemplate
    case unknownPathField
    case checkpointNotImproved
    case checkpointImproved
    case checkpointSaving
    case targetNamesCount
    case unknownNormalize
    case weightCountMismatch
    case weightShapeMismatch
    case plotEmptyHistory
    case plotLabelsCount
    case plotLengths
    case plotFileKind
    case plotTooSmall
    case showShape
    case showTooMany
    case showFileKind
    case confusionShape
    case noVariables
    case sessionReset
    case runUsage
    case cellOutOfRange
    case unknownCommand
    case explainBatchNormParams
    case explainWeightsBiases
    case explainWeightsOnly
    case explainValid
    case explainSame
    case explainHeader
    case explainShapeLine
    case explainParamsLine
    case explainFlopsLine
    case explainTotals
    case explainTrainingStep
    case traceLayer
    case traceShape
    case traceMean
    case traceZeros
    case gradcheckParameter
    case gradcheckChecked
    case gradcheckWorst
    case gradcheckSuspect
    case gradcheckNothing
    case gradcheckAllGood
    case gradcheckSomeBad
    case demoNeedsMatrix
    case teachNoConv
    case teachNoSuchLayer
    case teachNotConv
    case teachChannel
    case teachActivationsTitle
    case gradcheckNeedsLoss
    case gradcheckKinks
    case reportSubtitle
    case reportTotalTime
    case reportWritten
    case htmlNeedsPath
    case htmlNeedsScript
    case helpAliasOf
    case helpExample
    case epochLine
    case traceInput
    case eagerBuiltFor
    case matmulShapes
    case mergeNeedsList
    case subtractNeedsTwo
    case mergeShapes
    case concatenateAxis
    case reshapeSize
    case concatenateLayerShapes
    case mixedPlaceholders
    case layerTakesOneInput
    case modelOneInputOutput
    case modelInputNotInput
    case reluMaxValue
    case typePadding2D
    case normalizationStatistics
    case dropoutNoiseShape
    case imagenetIndexCorrupt
    case decodePredictionsShape
    case zooWeightsNotYet
    case unknownPreprocessMode
    case preprocessNeedsRGB
    case helpZooSource
    case zipCorrupt
    case hdf5Unreadable
    case kerasConfigBad
    case kerasUnsupportedSetting
    case kerasUnsupportedLayer
    case kerasLegacyH5
    case kerasVersion2
    case kerasFileIncomplete
    case kerasSeveralInputs
    case kerasSeveralOutputs
    case kerasSharedLayer
    case kerasWeightsMissing
    case kerasWeightsShape
    case kerasSaveH5
    case frozeLayers
    case kerasWeightsCount
    case valueTooLarge
    case stepLimit
    case nonFiniteInInput
    case nonFiniteInLayer
    case nonFiniteInLoss
    case nonFiniteGradient
    case nonFiniteUpdate
}

extension Catalog {
    /// English and Spanish side by side, so a key can never lack either.
    static let entries: [MessageKey: (en: String, es: String)] = [
        .threadsOutOfRange: ("threads must be between 1 and {1} (the cores of this machine), not {0}",
              "threads debe estar entre 1 y {1} (los núcleos de esta máquina), no {0}"),
        .layerNeedsImage: ("layer '{0}' ({1}) needs images of shape (height, width, channels), but gets {2}",
              "la capa '{0}' ({1}) necesita imágenes de forma (alto, ancho, canales), pero recibe {2}"),
        .layerInputTooSmall: ("layer '{0}' gets {1}, smaller than its {2} window: the output would be empty",
              "la capa '{0}' recibe {1}, menor que su ventana de {2}: la salida quedaría vacía"),
        .denseNeedsVector: ("layer '{0}' (Dense) needs vectors, but gets {1}: put a Flatten() layer before it",
              "la capa '{0}' (Dense) necesita vectores, pero recibe {1}: pon una capa Flatten() antes"),
        .layerShapeMismatch: ("layer '{0}' ({1}) cannot take the shape {2} that {3} produces: {4}",
              "la capa '{0}' ({1}) no puede recibir la forma {2} que produce {3}: {4}"),
        .theInput: ("the input",
              "la entrada"),
        .modelHasNoLayers: ("model '{0}' has no layers",
              "el modelo '{0}' no tiene capas"),
        .dataShapeMismatch: ("the data has shape {0}, but model '{2}' expects samples of shape {1}",
              "los datos tienen forma {0}, pero el modelo '{2}' espera muestras de forma {1}"),
        .summaryNeedsBuild: ("model '{0}' is not built yet, so its shapes are unknown: give the input shape, e.g. summary(model, input=(28, 28, 1)), or start the model with input((28, 28, 1))",
              "el modelo '{0}' aún no está construido, así que sus formas son desconocidas: indica la forma de entrada, p. ej. summary(model, input=(28, 28, 1)), o empieza el modelo con input((28, 28, 1))"),
        .unknownMetric: ("unknown metric '{0}': cnnsh knows 'accuracy'",
              "métrica desconocida '{0}': cnnsh conoce 'accuracy'"),
        .modelNotCompiled: ("model '{0}' is not compiled: call compile(model, optimizer='adam', loss='categorical_crossentropy', metrics=['accuracy']) first",
              "el modelo '{0}' no está compilado: llama primero a compile(model, optimizer='adam', loss='categorical_crossentropy', metrics=['accuracy'])"),
        .dataNeedsBatchAxis: ("expected a batch of samples (first axis = samples), got shape {0}",
              "se esperaba un lote de muestras (primer eje = muestras), pero la forma es {0}"),
        .sampleCountMismatch: ("x has {0} samples but y has {1}",
              "x tiene {0} muestras pero y tiene {1}"),
        .mustBePositive: ("{0} must be positive, not {1}",
              "{0} debe ser positivo, no {1}"),
        .validationSplitRange: ("validation_split must be in [0, 1), not {0}",
              "validation_split debe estar en [0, 1), no {0}"),
        .cifarTruncated: ("'{0}' is truncated or corrupt: {1} bytes is not a whole number of CIFAR-10 records ({2} bytes each). Delete it and get it again",
              "'{0}' está truncado o dañado: {1} bytes no es un número entero de registros CIFAR-10 ({2} bytes cada uno). Bórralo y descárgalo de nuevo"),
        .cifarBadLabel: ("'{0}' is not a CIFAR-10 batch: record {1} has label {2} (labels are 0-9)",
              "'{0}' no es un lote de CIFAR-10: el registro {1} tiene la etiqueta {2} (las etiquetas van de 0 a 9)"),
        .batchTooLarge: ("batch_size={0} needs about {1} of memory for this model's activations, and this machine has {2}: use a smaller batch_size (or smaller images)",
              "batch_size={0} necesita unos {1} de memoria para las activaciones de este modelo, y esta máquina tiene {2}: usa un batch_size menor (o imágenes más pequeñas)"),
        .validationTailSkewed: ("Warning: validation_split={0} holds out the last samples as they are, and their class mix differs from the rest by {1}% (data sorted by class?). Shuffle x and y together first, or split with a stratified split.",
              "Aviso: validation_split={0} aparta las últimas muestras tal como están, y su mezcla de clases difiere del resto en un {1}% (¿datos ordenados por clase?). Baraja x e y juntos antes, o usa una división estratificada."),
        .validationSplitEmpty: ("validation_split={0} of {1} samples leaves an empty training or validation set",
              "validation_split={0} de {1} muestras deja vacío el conjunto de entrenamiento o de validación"),
        .trainingInterrupted: ("interrupted (Ctrl-C) in epoch {0} after batch {1} of {2}; the weights are kept, and the history holds the {3} completed epochs",
              "interrumpido (Ctrl-C) en la época {0} tras el lote {1} de {2}; los pesos se conservan y el historial guarda las {3} épocas completas"),
        .nonFiniteLoss: ("the loss became NaN or infinite in epoch {0}, batch {1} of {2}: {3}. That batch's update was not applied, so the weights are those from before it. Try a smaller learning rate or normalise the inputs",
              "la pérdida se volvió NaN o infinita en la época {0}, lote {1} de {2}: {3}. La actualización de ese lote no se aplicó, así que los pesos son los de antes. Prueba una tasa de aprendizaje menor o normaliza las entradas"),
        .interrupted: ("interrupted (Ctrl-C)",
              "interrumpido (Ctrl-C)"),
        .sparseLabelsShape: ("sparse_categorical_crossentropy needs one integer label per sample, but the labels have shape {0}",
              "sparse_categorical_crossentropy necesita una etiqueta entera por muestra, pero las etiquetas tienen forma {0}"),
        .labelOutOfRange: ("label {0} is outside 0..{1}-1",
              "la etiqueta {0} está fuera de 0..{1}-1"),
        .targetsDoNotMatchOutput: ("the targets have shape {0} but the model outputs {1} for loss {2}{3}",
              "los objetivos tienen forma {0} pero el modelo produce {1} para la pérdida {2}{3}"),
        .hintOneHot: ("; one-hot encode the labels first: y = one_hot(y, {0})",
              "; codifica primero las etiquetas en one-hot: y = one_hot(y, {0})"),
        .fileNotReadable: ("cannot read '{0}'",
              "no se puede leer '{0}'"),
        .fileCorrupt: ("'{0}' is not a valid {1} file (corrupt or truncated)",
              "'{0}' no es un archivo {1} válido (dañado o truncado)"),
        .idxUnsupportedType: ("'{0}': IDX element type 0x{1} is not supported (only unsigned bytes, 0x08)",
              "'{0}': el tipo de elemento IDX 0x{1} no está soportado (solo bytes sin signo, 0x08)"),
        .idxTruncated: ("'{0}' is truncated or corrupt: its header announces shape {1} ({2} values) but it holds {3}. Delete it and get it again",
              "'{0}' está truncado o dañado: su cabecera anuncia la forma {1} ({2} valores) pero contiene {3}. Bórralo y descárgalo de nuevo"),
        .mnistCountsDiffer: ("the MNIST files in {0} do not match (image and label counts differ)",
              "los archivos MNIST de {0} no coinciden (difieren los números de imágenes y etiquetas)"),
        .datasetMissing: ("{0} is not on this machine: missing {1} in {2}. cnnsh downloads it from {3} when online; offline, copy the files there (or set CNNSH_DATA to the folder that holds them)",
              "{0} no está en esta máquina: faltan {1} en {2}. cnnsh lo descarga de {3} con conexión; sin conexión, copia allí los archivos (o apunta CNNSH_DATA a la carpeta que los contiene)"),
        .broadcastMismatch: ("operands of '{0}' have shapes {1} and {2}, which do not broadcast together",
              "los operandos de '{0}' tienen formas {1} y {2}, que no se pueden combinar (broadcast)"),
        .badOperands: ("unsupported operand types for {0}: {1} and {2}",
              "tipos de operando no soportados para {0}: {1} y {2}"),
        .badOperand: ("bad operand type for unary {0}: {1}",
              "tipo de operando no válido para {0} unario: {1}"),
        .divisionByZero: ("division by zero",
              "división por cero"),
        .tokenString: ("a string",
              "una cadena"),
        .tokenEndOfLine: ("the end of the line",
              "el final de la línea"),
        .tokenIndent: ("an indent",
              "una sangría"),
        .tokenDedent: ("the end of the block",
              "el final del bloque"),
        .tokenEndOfInput: ("the end of the input",
              "el final de la entrada"),
        .unexpectedCharacter: ("unexpected character '{0}'",
              "carácter inesperado '{0}'"),
        .inconsistentDedent: ("this line's indentation matches no enclosing block",
              "la sangría de esta línea no coincide con ningún bloque"),
        .badNumber: ("'{0}' is not a valid number",
              "'{0}' no es un número válido"),
        .bracketNeverClosed: ("'{0}' was never closed",
              "'{0}' nunca se cerró"),
        .unmatchedBracket: ("unmatched '{0}'",
              "'{0}' sin pareja"),
        .mismatchedBracket: ("closing '{0}' does not match '{1}' opened on line {2}",
              "el '{0}' de cierre no corresponde al '{1}' abierto en la línea {2}"),
        .nestedTooDeeply: ("this expression nests more than {0} levels deep",
              "esta expresión se anida en más de {0} niveles"),
        .unterminatedString: ("string is not closed before the end of the line",
              "la cadena no se cierra antes del final de la línea"),
        .unterminatedFormat: ("'{' in an f-string is not closed by '}'",
              "'{' en una f-string no se cierra con '}'"),
        .expectedToken: ("expected {0} but found {1}",
              "se esperaba {0} pero se encontró {1}"),
        .expectedName: ("expected a name but found {0}",
              "se esperaba un nombre pero se encontró {0}"),
        .expectedEndOfLine: ("expected the end of the statement but found {0}",
              "se esperaba el final de la instrucción pero se encontró {0}"),
        .expectedExpression: ("expected an expression but found {0}",
              "se esperaba una expresión pero se encontró {0}"),
        .expectedIndentedBlock: ("expected an indented block but found {0}",
              "se esperaba un bloque con sangría pero se encontró {0}"),
        .unexpectedIndent: ("unexpected indent",
              "sangría inesperada"),
        .cannotAssign: ("cannot assign to this expression",
              "no se puede asignar a esta expresión"),
        .positionalAfterKeyword: ("a positional argument cannot follow a keyword argument",
              "un argumento posicional no puede ir después de un argumento con nombre"),
        .returnOutsideFunction: ("'return' outside a function",
              "'return' fuera de una función"),
        .loopControlOutsideLoop: ("'break' or 'continue' outside a loop",
              "'break' o 'continue' fuera de un bucle"),
        .unknownName: ("unknown name '{0}'",
              "nombre desconocido '{0}'"),
        .unknownNameSuggest: ("unknown name '{0}' — did you mean '{1}'?",
              "nombre desconocido '{0}' — ¿quisiste decir '{1}'?"),
        .didYouMean: (" — did you mean '{0}'?",
              " — ¿quisiste decir '{0}'?"),
        .unpackCount: ("cannot unpack {1} values into {0} names",
              "no se pueden desempaquetar {1} valores en {0} nombres"),
        .notIterable: ("a {0} cannot be iterated over",
              "no se puede recorrer un {0}"),
        .unhashable: ("a {0} cannot be a dict key",
              "un {0} no puede ser clave de un dict"),
        .recursionTooDeep: ("maximum recursion depth ({0} nested calls) exceeded: does the function call itself without end?",
              "se superó la profundidad máxima de recursión ({0} llamadas anidadas): ¿la función se llama a sí misma sin fin?"),
        .tooManyArguments: ("{0}() takes {1} positional arguments but {2} were given",
              "{0}() recibe {1} argumentos posicionales pero se dieron {2}"),
        .unknownKeyword: ("{0}() has no parameter '{1}' (its parameters: {2})",
              "{0}() no tiene el parámetro '{1}' (sus parámetros: {2})"),
        .unknownKeywordHint: ("{0}() has no parameter '{1}' (its parameters: {2}){3}",
              "{0}() no tiene el parámetro '{1}' (sus parámetros: {2}){3}"),
        .duplicateArgument: ("{0}() got two values for '{1}'",
              "{0}() recibió dos valores para '{1}'"),
        .missingArgument: ("{0}() is missing its argument '{1}'",
              "a {0}() le falta el argumento '{1}'"),
        .wrongArgumentType: ("{0}(): '{1}' must be {2}, not {3}",
              "{0}(): '{1}' debe ser {2}, no {3}"),
        .typeInteger: ("an integer",
              "un entero"),
        .typeNumber: ("a number",
              "un número"),
        .typeString: ("a string",
              "una cadena"),
        .typeArray: ("an array (or a list of numbers)",
              "un array (o una lista de números)"),
        .typePair: ("an integer or a pair like (3, 3)",
              "un entero o un par como (3, 3)"),
        .typeShape: ("a shape like (28, 28, 1)",
              "una forma como (28, 28, 1)"),
        .typeActivation: ("an activation such as relu or 'softmax'",
              "una activación como relu o 'softmax'"),
        .typeModel: ("a model",
              "un modelo"),
        .typeOptimizer: ("an optimizer such as 'adam' or adam(learning_rate=0.001)",
              "un optimizador como 'adam' o adam(learning_rate=0.001)"),
        .typeSymbolic: ("a tensor from Input(...)",
              "un tensor de Input(...)"),
        .typeCallback: ("a callback made with callback(...)",
              "un callback creado con callback(...)"),
        .notCallable: ("a {0} cannot be called",
              "no se puede llamar a un {0}"),
        .layerCallNeedsInput: ("layer '{0}' is applied to a tensor from Input(...) (the functional style); to run it on data, build a model",
              "la capa '{0}' se aplica a un tensor de Input(...) (estilo funcional); para usarla con datos, construye un modelo"),
        .formatNeedsNumber: ("format '{0}' needs a number, not {1}",
              "el formato '{0}' necesita un número, no {1}"),
        .badFormatSpec: ("unsupported format '{0}'",
              "formato no soportado '{0}'"),
        .formatArgumentCount: ("not enough arguments for the format string",
              "faltan argumentos para la cadena de formato"),
        .dictKeySlice: ("a dict is indexed by one key",
              "un dict se indexa con una sola clave"),
        .keyNotFound: ("key {0} not found (keys: {1})",
              "no se encontró la clave {0} (claves: {1})"),
        .indexNotInteger: ("indices must be integers, not {0}",
              "los índices deben ser enteros, no {0}"),
        .sliceStepZero: ("a step cannot be zero",
              "el paso no puede ser cero"),
        .notSubscriptable: ("a {0} cannot be indexed",
              "no se puede indexar un {0}"),
        .notSubscriptAssignable: ("items of a {0} cannot be assigned",
              "no se pueden asignar elementos de un {0}"),
        .tooManyIndices: ("{0} indices for an object with {1} axes",
              "{0} índices para un objeto con {1} ejes"),
        .listIndexArray: ("lists take one integer or slice as index",
              "las listas se indexan con un entero o una porción"),
        .indexOutOfRange: ("index {0} is out of range for length {1}",
              "el índice {0} está fuera de rango para longitud {1}"),
        .maskLength: ("boolean index of length {0} for an axis of length {1}",
              "índice booleano de longitud {0} para un eje de longitud {1}"),
        .assignNeedsNumbers: ("array items take numbers, not {0}",
              "los elementos de un array reciben números, no {0}"),
        .assignShapeMismatch: ("cannot put values of shape {0} into a selection of shape {1}",
              "no se pueden poner valores de forma {0} en una selección de forma {1}"),
        .unknownAttribute: ("{0} has no attribute '{1}'{2}",
              "{0} no tiene el atributo '{1}'{2}"),
        .cannotSetAttribute: ("cannot set '{1}' of a {0}",
              "no se puede asignar '{1}' de un {0}"),
        .expectedNumber: ("'{0}' must be a number, not {1}",
              "'{0}' debe ser un número, no {1}"),
        .expectedString: ("'{0}' must be a string, not {1}",
              "'{0}' debe ser una cadena, no {1}"),
        .lenOfScalar: ("len() of a 0-d array",
              "len() de un array de dimensión 0"),
        .noLength: ("a {0} has no length",
              "un {0} no tiene longitud"),
        .noIntegerValue: ("{0} has no integer value that cnnsh can hold (integers go up to about 9.2e18)",
              "{0} no tiene un valor entero que cnnsh pueda guardar (los enteros llegan hasta unos 9.2e18)"),
        .notANumber: ("'{0}' is not a number",
              "'{0}' no es un número"),
        .elapsed: ("elapsed: {0} s",
              "tiempo: {0} s"),
        .popEmpty: ("pop from an empty list",
              "pop de una lista vacía"),
        .notInList: ("{0} is not in the list",
              "{0} no está en la lista"),
        .raggedArray: ("the items have different shapes, so they do not make one array",
              "los elementos tienen formas distintas, así que no forman un array"),
        .notArrayLike: ("a {0} cannot become an array",
              "un {0} no puede convertirse en array"),
        .arrayTooLarge: ("an array of shape {0} needs {1} of memory, more than this machine can give",
              "un array de forma {0} necesita {1} de memoria, más de lo que esta máquina puede dar"),
        .axisOutOfRange: ("axis {0} is out of range for {1} axes",
              "el eje {0} está fuera de rango para {1} ejes"),
        .reshapeMismatch: ("cannot reshape an array of shape {0} into shape {1}",
              "no se puede cambiar la forma de un array de forma {0} a {1}"),
        .squeezeNotOne: ("axis {0} does not have size 1",
              "el eje {0} no tiene tamaño 1"),
        .oneHotShape: ("one_hot needs a vector of labels, not shape {0}",
              "one_hot necesita un vector de etiquetas, no la forma {0}"),
        .emptyReduction: ("{0}() of an empty sequence",
              "{0}() de una secuencia vacía"),
        .onlyAxisZero: ("{0}() joins along axis 0 only",
              "{0}() solo une a lo largo del eje 0"),
        .concatenateShapes: ("arrays of shapes {0} cannot be joined",
              "no se pueden unir arrays de formas {0}"),
        .unknownDType: ("unknown dtype '{0}' (use float32, int64, uint8 or bool)",
              "dtype desconocido '{0}' (usa float32, int64, uint8 o bool)"),
        .unknownActivation: ("unknown activation '{0}' (known: {1}){2}",
              "activación desconocida '{0}' (conocidas: {1}){2}"),
        .unknownPadding: ("padding must be 'same' or 'valid', not '{0}'",
              "padding debe ser 'same' o 'valid', no '{0}'"),
        .layerUsedTwice: ("layer '{0}' appears twice in the model",
              "la capa '{0}' aparece dos veces en el modelo"),
        .notALayer: ("{0}() takes layers, not a {1}",
              "{0}() recibe capas, no un {1}"),
        .modelOutputsNotFromInputs: ("the outputs do not come from these inputs",
              "las salidas no provienen de estas entradas"),
        .unknownLoss: ("unknown loss '{0}' (known: {1}){2}",
              "pérdida desconocida '{0}' (conocidas: {1}){2}"),
        .unknownOptimizer: ("unknown optimizer '{0}' (known: {1}){2}",
              "optimizador desconocido '{0}' (conocidos: {1}){2}"),
        .validationDataPair: ("validation_data must be a pair (x_val, y_val), not {0} items",
              "validation_data debe ser un par (x_val, y_val), no {0} elementos"),
        .callbackFailed: ("the callback's {0} failed: {1}; training stopped, the weights so far are kept",
              "falló {0} del callback: {1}; el entrenamiento se detuvo y se conservan los pesos hasta ahora"),
        .trainingStopped: ("Training stopped: {0}",
              "Entrenamiento detenido: {0}"),
        .testsPassed: ("Tests passed.",
              "Pruebas superadas."),
        .checkNotArray: ("{0} must return an array, but returned a {1}",
              "{0} debe devolver un array, pero devolvió un {1}"),
        .checkWrongShape: ("{0} returned shape {1}, expected {2}",
              "{0} devolvió la forma {1}, se esperaba {2}"),
        .checkWrongValue: ("{0}: the value at {1} is {2}, expected {3}",
              "{0}: el valor en {1} es {2}, se esperaba {3}"),
        .usage: ("usage: cnnsh [FILE.cnn [--html REPORT.html] [ARGS...]] [-c CODE] [--lang en|es] [--version] [--help]\n  with no FILE: an interactive prompt; FILE: run a script, its # %% cells in order\n  --html REPORT.html: also write the run as one web page (code, output, charts, images, timings)",
              "uso: cnnsh [ARCHIVO.cnn [--html INFORME.html] [ARGUMENTOS...]] [-c CÓDIGO] [--lang en|es] [--version] [--help]\n  sin ARCHIVO: una consola interactiva; ARCHIVO: ejecuta un script, sus celdas # %% en orden\n  --html INFORME.html: escribe además la ejecución como una página web (código, salida, gráficos, imágenes, tiempos)"),
        .cannotReadScript: ("cannot read script '{0}'",
              "no se puede leer el script '{0}'"),
        .unknownOption: ("unknown option '{0}'",
              "opción desconocida '{0}'"),
        .errorLabel: ("error",
              "error"),
        .welcome: ("cnnsh {0} — convolutional networks, step by step. help() lists the builtins; Ctrl-D quits.",
              "cnnsh {0} — redes convolucionales, paso a paso. help() lista las funciones; Ctrl-D para salir."),
        .helpUnknown: ("no help for '{0}'",
              "no hay ayuda para '{0}'"),
        .helpIndex: ("Builtins (help(name) tells more):",
              "Funciones (help(nombre) da más detalle):"),
        .mustBeNonNegative: ("{0} must be zero or more, not {1}",
              "{0} debe ser cero o más, no {1}"),
        .dropoutRate: ("dropout rate must be at least 0 and below 1 (the fraction of values dropped), not {0}",
              "la tasa de dropout debe ser al menos 0 y menor que 1 (la fracción de valores que se anulan), no {0}"),
        .batchNormAxis: ("batchnorm normalises the last axis (the channels) only: axis=-1, not {0}",
              "batchnorm normaliza solo el último eje (los canales): axis=-1, no {0}"),
        .batchNormMomentum: ("batchnorm momentum must be between 0 and 1, not {0}",
              "el momentum de batchnorm debe estar entre 0 y 1, no {0}"),
        .stepNotTrainable: ("layer '{0}' uses the step activation, whose slope is zero everywhere (and undefined at 0): no gradient flows through it, so the network cannot learn. Use sigmoid (a smooth step) or relu to train; step is for showing how a perceptron decides",
              "la capa '{0}' usa la activación step, cuya pendiente es cero en todas partes (e indefinida en 0): ningún gradiente pasa por ella, así que la red no puede aprender. Usa sigmoid (un escalón suave) o relu para entrenar; step sirve para mostrar cómo decide un perceptrón"),
        .imageNotDecodable: ("cannot read the image '{0}': {1}",
              "no se puede leer la imagen '{0}': {1}"),
        .imageNotEncodable: ("cannot write the image: {0}",
              "no se puede escribir la imagen: {0}"),
        .folderMissing: ("the folder '{0}' does not exist (also looked in the data folder {1}). For PetImages: download the Microsoft \"Kaggle Cats and Dogs Dataset\" (https://www.microsoft.com/en-us/download/details.aspx?id=54765) and unzip its PetImages folder there",
              "la carpeta '{0}' no existe (también se buscó en la carpeta de datos {1}). Para PetImages: descarga el \"Kaggle Cats and Dogs Dataset\" de Microsoft (https://www.microsoft.com/en-us/download/details.aspx?id=54765) y descomprime su carpeta PetImages allí"),
        .notAFolder: ("'{0}' is a file, not a folder of class folders",
              "'{0}' es un archivo, no una carpeta con una carpeta por clase"),
        .classFolderMissing: ("there is no class folder '{0}' in '{1}' (it has: {2})",
              "no hay ninguna carpeta de clase '{0}' en '{1}' (tiene: {2})"),
        .tooFewClasses: ("'{0}' has {1} class folder(s) ({2}); a classifier needs one folder per class and at least two, e.g. PetImages/Cat and PetImages/Dog",
              "'{0}' tiene {1} carpeta(s) de clase ({2}); un clasificador necesita una carpeta por clase y al menos dos, p. ej. PetImages/Cat y PetImages/Dog"),
        .classFolderEmpty: ("the class folder '{0}' has no JPEG or PNG files",
              "la carpeta de clase '{0}' no tiene archivos JPEG ni PNG"),
        .noReadableImages: ("none of the images in '{0}' could be read",
              "no se pudo leer ninguna de las imágenes de '{0}'"),
        .mixedImageSizes: ("the images have different sizes ('{0}' is {1}, '{2}' is {3}): pass size=(height, width) to resize them all",
              "las imágenes tienen tamaños distintos ('{0}' mide {1}, '{2}' mide {3}): pasa size=(alto, ancho) para redimensionarlas todas"),
        .foundImages: ("Found {0} images belonging to {1} classes: {2}",
              "Se encontraron {0} imágenes de {1} clases: {2}"),
        .skippedImages: ("warning: skipped {0} of {1} files that could not be read: {2}",
              "aviso: se omitieron {0} de {1} archivos que no se pudieron leer: {2}"),
        .andMore: ("; and {0} more",
              "; y {0} más"),
        .testSizeRange: ("test_size must be a fraction in (0, 1) or a number of samples that leaves both parts non-empty, not {0} (for {1} samples)",
              "test_size debe ser una fracción en (0, 1) o un número de muestras que deje ambas partes no vacías, no {0} (para {1} muestras)"),
        .folderForFileMissing: ("the folder '{0}' does not exist, so '{1}' cannot be written there: create it first (mkdir)",
              "la carpeta '{0}' no existe, así que no se puede escribir '{1}' en ella: créala primero (mkdir)"),
        .fileNotWritable: ("cannot write '{0}': {1}",
              "no se puede escribir '{0}': {1}"),
        .modelFileCorrupt: ("the model file is corrupt: {0}",
              "el archivo del modelo está dañado: {0}"),
        .modelFileUnknownLayer: ("the model file has a layer of class {0} ('{1}') that this cnnsh does not know",
              "el archivo del modelo tiene una capa de clase {0} ('{1}') que este cnnsh no conoce"),
        .modelFileCorruptAt: ("'{0}' is not a usable model file: {1}",
              "'{0}' no es un archivo de modelo utilizable: {1}"),
        .notAModelFile: ("not a cnnsh model file (it does not start with CNNSHMDL)",
              "no es un archivo de modelo de cnnsh (no empieza por CNNSHMDL)"),
        .modelFileTooNew: ("this model file has format version {0}, newer than this cnnsh reads ({1}): update cnnsh to load it",
              "este archivo de modelo tiene la versión de formato {0}, más nueva que la que lee este cnnsh ({1}): actualiza cnnsh para cargarlo"),
        .unknownMonitorMode: ("mode must be 'auto', 'min' or 'max', not '{0}'",
              "mode debe ser 'auto', 'min' o 'max', no '{0}'"),
        .monitorMissing: ("warning: {0} watches '{1}', which training does not report (it reports: {2}); add validation_split= or validation_data= for val_ metrics",
              "aviso: {0} vigila '{1}', que el entrenamiento no informa (informa: {2}); añade validation_split= o validation_data= para las métricas val_"),
        .earlyStopped: ("Epoch {0}: early stopping ({1} has not improved for {2} epoch(s); best {4} at epoch {3})",
              "Época {0}: parada temprana ({1} no ha mejorado en {2} época(s); mejor {4} en la época {3})"),
        .restoredBestWeights: ("Restoring model weights from the end of the best epoch: {0}.",
              "Se restauran los pesos del modelo del final de la mejor época: {0}."),
        .reduceFactorRange: ("reduce_lr_on_plateau's factor must be at least 0 and below 1 (the rate is multiplied by it), not {0}",
              "el factor de reduce_lr_on_plateau debe ser al menos 0 y menor que 1 (la tasa se multiplica por él), no {0}"),
        .reducedLearningRate: ("Epoch {0}: ReduceLROnPlateau reducing learning rate to {1}.",
              "Época {0}: ReduceLROnPlateau reduce la tasa de aprendizaje a {1}."),
        .scheduleBadRate: ("the learning-rate schedule returned {1} for epoch {0}: it must be a number of 0 or more",
              "el programa de tasa de aprendizaje devolvió {1} para la época {0}: debe ser un número mayor o igual que 0"),
        .scheduledLearningRate: ("Epoch {0}: LearningRateScheduler setting learning rate to {1}.",
              "Época {0}: LearningRateScheduler fija la tasa de aprendizaje en {1}."),
        .badPathTemplate: ("cannot fill the path '{0}': '{1}' is not a format it understands (use {epoch}, {epoch:02d}, {val_loss:.2f})",
              "no se puede completar la ruta '{0}': '{1}' no es un formato que entienda (usa {epoch}, {epoch:02d}, {val_loss:.2f})"),
        .unknownPathField: ("the path '{1}' uses {{0}}, but training reports only: {2}",
              "la ruta '{1}' usa {{0}}, pero el entrenamiento solo informa: {2}"),
        .checkpointNotImproved: ("Epoch {0}: {1} did not improve from {2}",
              "Época {0}: {1} no mejoró respecto a {2}"),
        .checkpointImproved: ("Epoch {0}: {1} improved from {2} to {3}, saving model to {4}",
              "Época {0}: {1} mejoró de {2} a {3}, se guarda el modelo en {4}"),
        .checkpointSaving: ("Epoch {0}: saving model to {1}",
              "Época {0}: se guarda el modelo en {1}"),
        .targetNamesCount: ("target_names has {0} names but there are {1} classes",
              "target_names tiene {0} nombres pero hay {1} clases"),
        .unknownNormalize: ("normalize must be None, 'true', 'pred' or 'all', not '{0}'",
              "normalize debe ser None, 'true', 'pred' o 'all', no '{0}'"),
        .weightCountMismatch: ("set_weights needs {0} arrays (one per weight, as get_weights returns them), got {1}",
              "set_weights necesita {0} arrays (uno por peso, como los devuelve get_weights), recibió {1}"),
        .weightShapeMismatch: ("the weight '{0}' has shape {1}, but the array given for it has shape {2}",
              "el peso '{0}' tiene forma {1}, pero el array dado tiene forma {2}"),
        .plotEmptyHistory: ("nothing to plot: the history has no epochs (did fit run for 0 epochs or stop in the first?)",
              "no hay nada que dibujar: el historial no tiene épocas (¿fit se ejecutó con 0 épocas o se detuvo en la primera?)"),
        .plotLabelsCount: ("labels has {0} names for {1} histories",
              "labels tiene {0} nombres para {1} historiales"),
        .plotLengths: ("x has {0} values but y has {1}",
              "x tiene {0} valores pero y tiene {1}"),
        .plotFileKind: ("charts are written as SVG or PNG ('{0}'): use a name ending in .svg or .png",
              "los gráficos se escriben como SVG o PNG ('{0}'): usa un nombre terminado en .svg o .png"),
        .plotTooSmall: ("a chart needs at least 10 columns and 4 rows, not {0}x{1}",
              "un gráfico necesita al menos 10 columnas y 4 filas, no {0}x{1}"),
        .showShape: ("show takes an image (h, w), (h, w, 1) or (h, w, 3), or a batch of them; this array has shape {0}",
              "show admite una imagen (alto, ancho), (alto, ancho, 1) o (alto, ancho, 3), o un lote de ellas; este array tiene forma {0}"),
        .showTooMany: ("show draws at most 400 images at once, not {0}: pass a slice such as x[:16]",
              "show dibuja como mucho 400 imágenes a la vez, no {0}: pasa un trozo como x[:16]"),
        .showFileKind: ("show writes PNG files ('{0}'): use a name ending in .png",
              "show escribe archivos PNG ('{0}'): usa un nombre terminado en .png"),
        .confusionShape: ("plot_confusion needs a square matrix (k, k), as confusion_matrix returns, not shape {0}",
              "plot_confusion necesita una matriz cuadrada (k, k), como la que devuelve confusion_matrix, no de forma {0}"),
        .noVariables: ("(no variables yet)",
              "(aún no hay variables)"),
        .sessionReset: ("session reset: every variable and layer name is forgotten",
              "sesión reiniciada: se olvidan todas las variables y los nombres de capas"),
        .runUsage: ("usage: :run FILE N (run cell N of a script; :cells FILE lists them)",
              "uso: :run ARCHIVO N (ejecuta la celda N de un script; :cells ARCHIVO las lista)"),
        .cellOutOfRange: ("'{0}' has {1} cells; there is no cell {2}",
              "'{0}' tiene {1} celdas; no existe la celda {2}"),
        .unknownCommand: ("unknown command ':{0}' (commands: {1}){2}",
              "comando desconocido ':{0}' (comandos: {1}){2}"),
        .explainBatchNormParams: ("{2}*{0} ({3}) = {1}",
              "{2}*{0} ({3}) = {1}"),
        .explainWeightsBiases: ("{0} weights + {1} biases = {2}",
              "{0} pesos + {1} sesgos = {2}"),
        .explainWeightsOnly: ("{0} weights = {1}",
              "{0} pesos = {1}"),
        .explainValid: ("'valid' padding: {0}",
              "relleno 'valid': {0}"),
        .explainSame: ("'same' padding: {0}",
              "relleno 'same': {0}"),
        .explainHeader: ("Model \"{0}\" on input {1}",
              "Modelo \"{0}\" con entrada {1}"),
        .explainShapeLine: ("shape:  {0}",
              "forma:  {0}"),
        .explainParamsLine: ("params: {0}",
              "parámetros: {0}"),
        .explainFlopsLine: ("cost:   {0} per sample (forward)",
              "coste:  {0} por muestra (hacia delante)"),
        .explainTotals: ("Total: {0} parameters ({1} trainable); forward pass {2} per sample",
              "Total: {0} parámetros ({1} entrenables); pasada hacia delante {2} por muestra"),
        .explainTrainingStep: ("A training step at batch {0} costs about {1} (forward, then gradients for inputs and weights).",
              "Un paso de entrenamiento con lotes de {0} cuesta unos {1} (hacia delante, y gradientes de entradas y pesos)."),
        .traceLayer: ("layer",
              "capa"),
        .traceShape: ("output shape",
              "forma de salida"),
        .traceMean: ("mean",
              "media"),
        .traceZeros: ("zeros",
              "ceros"),
        .gradcheckParameter: ("parameter",
              "parámetro"),
        .gradcheckChecked: ("directions",
              "direcciones"),
        .gradcheckWorst: ("largest rel. error",
              "mayor error rel."),
        .gradcheckSuspect: ("CHECK",
              "REVISAR"),
        .gradcheckNothing: ("model '{0}' has no trainable parameters to check",
              "el modelo '{0}' no tiene parámetros entrenables que comprobar"),
        .gradcheckAllGood: ("Backpropagation agrees with finite differences (every error below {0}).",
              "La retropropagación coincide con las diferencias finitas (todos los errores por debajo de {0})."),
        .gradcheckSomeBad: ("{0} tensor(s) differ more than float32 rounding explains: a kink (ReLU at 0, a max-pooling tie) or a wrong gradient.",
              "{0} tensor(es) difieren más de lo que explica el redondeo de float32: un punto anguloso (ReLU en 0, un empate en max-pooling) o un gradiente erróneo."),
        .demoNeedsMatrix: ("'{0}' must be a 2-D matrix (rows, columns), not shape {1}",
              "'{0}' debe ser una matriz 2-D (filas, columnas), no de forma {1}"),
        .teachNoConv: ("model '{0}' has no Conv2D layer: name one with layer=",
              "el modelo '{0}' no tiene capa Conv2D: indica una con layer="),
        .teachNoSuchLayer: ("no layer {0} in model '{1}' (its layers: {2})",
              "no hay capa {0} en el modelo '{1}' (sus capas: {2})"),
        .teachNotConv: ("layer '{0}' is a {1}: show_filters draws the kernels of a Conv2D layer",
              "la capa '{0}' es {1}: show_filters dibuja los núcleos de una capa Conv2D"),
        .teachChannel: ("channel {0} does not exist: layer '{1}' takes {2} input channels (0 to {2}-1)",
              "el canal {0} no existe: la capa '{1}' recibe {2} canales de entrada (de 0 a {2}-1)"),
        .teachActivationsTitle: ("{0}: output {1}, {2} channel(s), each stretched from its minimum (black) to its maximum (white)",
              "{0}: salida {1}, {2} canal(es), cada uno estirado de su mínimo (negro) a su máximo (blanco)"),
        .gradcheckNeedsLoss: ("model '{0}' is not compiled: pass loss= to gradcheck, or compile it first",
              "el modelo '{0}' no está compilado: pasa loss= a gradcheck, o compílalo antes"),
        .gradcheckKinks: ("kinks",
              "ángulos"),
        .reportSubtitle: ("run by cnnsh {0} on {1}",
              "ejecutado con cnnsh {0} el {1}"),
        .reportTotalTime: ("total {0}",
              "total {0}"),
        .reportWritten: ("report written to {0}",
              "informe escrito en {0}"),
        .htmlNeedsPath: ("--html needs the report's file name: cnnsh script.cnn --html report.html",
              "--html necesita el nombre del informe: cnnsh script.cnn --html informe.html"),
        .htmlNeedsScript: ("--html writes the report of a script run: cnnsh script.cnn --html report.html",
              "--html escribe el informe de la ejecución de un script: cnnsh script.cnn --html informe.html"),
        .helpAliasOf: ("the same as {0}",
              "lo mismo que {0}"),
        .helpExample: ("example:",
              "ejemplo:"),
        .epochLine: ("Epoch {0}/{1}",
              "Época {0}/{1}"),
        .traceInput: ("input",
              "entrada"),
        .eagerBuiltFor: ("the layer was built for {0}",
              "la capa se construyó para {0}"),
        .matmulShapes: ("matrix product needs (m, k) @ (k, n) (or vectors of length k), not {0} @ {1}",
              "el producto de matrices necesita (m, k) @ (k, n) (o vectores de longitud k), no {0} @ {1}"),
        .mergeNeedsList: ("layer '{0}' ({1}) merges a list of at least two tensors: {1}()([x, y])",
              "la capa '{0}' ({1}) combina una lista de al menos dos tensores: {1}()([x, y])"),
        .subtractNeedsTwo: ("layer '{0}' (Subtract) takes exactly two tensors, not {1}",
              "la capa '{0}' (Subtract) recibe exactamente dos tensores, no {1}"),
        .mergeShapes: ("layer '{0}' ({1}) cannot combine shapes {2}: each axis must match or be 1",
              "la capa '{0}' ({1}) no puede combinar las formas {2}: cada eje debe coincidir o valer 1"),
        .concatenateAxis: ("layer '{0}' (Concatenate): axis {1} does not exist for tensors of rank {2} (batch axis included)",
              "la capa '{0}' (Concatenate): el eje {1} no existe en tensores de rango {2} (contando el eje del lote)"),
        .reshapeSize: ("layer '{0}' (Reshape) cannot turn {1} ({2} values) into {3}",
              "la capa '{0}' (Reshape) no puede convertir {1} ({2} valores) en {3}"),
        .concatenateLayerShapes: ("layer '{0}' (Concatenate) joins along axis {1}; the other axes must match, but the shapes are {2}",
              "la capa '{0}' (Concatenate) une por el eje {1}; los demás ejes deben coincidir, pero las formas son {2}"),
        .mixedPlaceholders: ("layer '{0}' was given a list mixing Input placeholders and arrays",
              "la capa '{0}' recibió una lista que mezcla marcadores de Input y arrays"),
        .layerTakesOneInput: ("layer '{0}' ({1}) takes one input, not a list of {2}",
              "la capa '{0}' ({1}) recibe una entrada, no una lista de {2}"),
        .modelOneInputOutput: ("Model({0}=...) takes one tensor here, not {1}: models with several inputs or outputs are not supported yet",
              "Model({0}=...) recibe aquí un solo tensor, no {1}: los modelos con varias entradas o salidas aún no están soportados"),
        .modelInputNotInput: ("Model(inputs=...) must be the tensor Input(...) returned, not a layer's output",
              "Model(inputs=...) debe ser el tensor que devolvió Input(...), no la salida de una capa"),
        .reluMaxValue: ("ReLU(max_value={0}) is not supported: only max_value=6 (relu6)",
              "ReLU(max_value={0}) no está soportado: solo max_value=6 (relu6)"),
        .typePadding2D: ("a padding like 1, (1, 2) or ((0, 1), (0, 1))",
              "un relleno como 1, (1, 2) o ((0, 1), (0, 1))"),
        .normalizationStatistics: ("layer '{0}' (Normalization) was given {1} values for {2} channels",
              "la capa '{0}' (Normalization) recibió {1} valores para {2} canales"),
        .dropoutNoiseShape: ("layer '{0}' (Dropout): noise_shape {1} does not fit inputs of shape {2} (each axis must match or be 1)",
              "la capa '{0}' (Dropout): noise_shape {1} no encaja con entradas de forma {2} (cada eje debe coincidir o valer 1)"),
        .imagenetIndexCorrupt: ("{0} is not an ImageNet class index (Keras's imagenet_class_index.json)",
              "{0} no es un índice de clases de ImageNet (el imagenet_class_index.json de Keras)"),
        .decodePredictionsShape: ("decode_predictions needs predictions of shape (samples, {1}), got {0}",
              "decode_predictions necesita predicciones de forma (muestras, {1}), no {0}"),
        .zooWeightsNotYet: ("{0}(weights={1}) is not supported: use weights=None, weights='imagenet' (VGG16, ResNet, MobileNetV2, DenseNet, Inception, Xception), or the path of a weights file (Keras's published .h5, or one saved with save_weights)",
              "{0}(weights={1}) no está soportado: usa weights=None, weights='imagenet' (VGG16, ResNet, MobileNetV2, DenseNet, Inception, Xception) o la ruta de un archivo de pesos (el .h5 publicado por Keras, o uno guardado con save_weights)"),
        .unknownPreprocessMode: ("preprocess_input: unknown mode '{0}' (use a model name such as 'resnet50', or 'caffe', 'tf', 'torch')",
              "preprocess_input: modo desconocido '{0}' (usa un nombre de modelo como 'resnet50', o 'caffe', 'tf', 'torch')"),
        .preprocessNeedsRGB: ("preprocess_input needs RGB images (last axis 3), got shape {0}",
              "preprocess_input necesita imágenes RGB (último eje 3), no la forma {0}"),
        .helpZooSource: ("How it is built (cnnsh source):",
              "Cómo se construye (código cnnsh):"),
        .zipCorrupt: ("{0} is not a readable zip archive: {1}",
              "{0} no es un archivo zip legible: {1}"),
        .hdf5Unreadable: ("{0} is not a readable HDF5 file (truncated or damaged?)",
              "{0} no es un archivo HDF5 legible (¿truncado o dañado?)"),
        .kerasConfigBad: ("Keras file: layer '{0}' has a missing or unreadable '{1}'",
              "archivo de Keras: la capa '{0}' tiene '{1}' ausente o ilegible"),
        .kerasUnsupportedSetting: ("Keras file: layer '{0}' uses {1}, which cnnsh does not support",
              "archivo de Keras: la capa '{0}' usa {1}, que cnnsh no soporta"),
        .kerasUnsupportedLayer: ("Keras file: {0} (layer '{1}') is not supported by cnnsh",
              "archivo de Keras: {0} (capa '{1}') no está soportada por cnnsh"),
        .kerasLegacyH5: ("{0} is a Keras 2 HDF5 model file; load it in Keras and save it again as .keras (model.save('model.keras')), or use its weights with load_weights",
              "{0} es un archivo de modelo HDF5 de Keras 2; cárgalo en Keras y guárdalo de nuevo como .keras (model.save('model.keras')), o usa sus pesos con load_weights"),
        .kerasVersion2: ("{0} was saved by Keras {1}; cnnsh reads Keras 3 files: load it in Keras 3 and save it again",
              "{0} fue guardado por Keras {1}; cnnsh lee archivos de Keras 3: cárgalo en Keras 3 y guárdalo de nuevo"),
        .kerasFileIncomplete: ("{0} is a zip file but not a Keras model: config.json or model.weights.h5 is missing",
              "{0} es un zip pero no un modelo de Keras: falta config.json o model.weights.h5"),
        .kerasSeveralInputs: ("Keras file: model '{0}' has several inputs; cnnsh models have one",
              "archivo de Keras: el modelo '{0}' tiene varias entradas; los modelos de cnnsh tienen una"),
        .kerasSeveralOutputs: ("Keras file: model '{0}' has several outputs, or its output is not its last layer; cnnsh models have one output",
              "archivo de Keras: el modelo '{0}' tiene varias salidas, o su salida no es su última capa; los modelos de cnnsh tienen una salida"),
        .kerasSharedLayer: ("Keras file: layer '{0}' is applied more than once (a shared layer); cnnsh does not support that",
              "archivo de Keras: la capa '{0}' se aplica más de una vez (capa compartida); cnnsh no lo soporta"),
        .kerasWeightsMissing: ("{0} has no weights for layer '{1}' ({2}): it was saved from another architecture",
              "{0} no tiene pesos para la capa '{1}' ({2}): se guardó con otra arquitectura"),
        .kerasWeightsShape: ("layer '{0}' needs {1} of shape {2}, but {4} has {3}: the file is from another architecture",
              "la capa '{0}' necesita {1} de forma {2}, pero {4} tiene {3}: el archivo es de otra arquitectura"),
        .kerasSaveH5: ("{0}: Keras 2's .h5 model files are not written; save as .keras (Keras 3's format) or use save_weights(model, 'name.weights.h5')",
              "{0}: no se escriben archivos de modelo .h5 de Keras 2; guarda como .keras (el formato de Keras 3) o usa save_weights(model, 'nombre.weights.h5')"),
        .frozeLayers: ("froze {0} of {1} layers: {2} parameters will not change during fit",
              "congeladas {0} de {1} capas: {2} parámetros no cambiarán durante fit"),
        .kerasWeightsCount: ("{0} holds weights for {1} layers, the model has {2} layers with weights: it was saved from another architecture",
              "{0} tiene pesos para {1} capas y el modelo tiene {2} capas con pesos: se guardó con otra arquitectura"),
        .valueTooLarge: ("a {0} of {1} items needs {2} of memory, more than this machine can give",
              "un {0} de {1} elementos necesita {2} de memoria, más de lo que esta máquina puede dar"),
        .stepLimit: ("the program ran {0} steps, the most allowed here",
              "el programa ejecutó {0} pasos, el máximo permitido aquí"),
        .nonFiniteInInput: ("the batch itself holds NaN or infinite values (sample {0} of the data)",
              "el propio lote tiene valores NaN o infinitos (la muestra {0} de los datos)"),
        .nonFiniteInLayer: ("the first NaN or infinite values came out of layer '{0}' ({1})",
              "los primeros valores NaN o infinitos salieron de la capa '{0}' ({1})"),
        .nonFiniteInLoss: ("every layer gave finite values: the loss itself overflowed (do the targets suit the loss?)",
              "todas las capas dieron valores finitos: desbordó la propia pérdida (¿son los objetivos adecuados para la pérdida?)"),
        .nonFiniteGradient: ("the gradients became NaN or infinite in epoch {0}, batch {1} of {2}, first for {3} of layer '{4}'; that batch's update was not applied, so the weights are those from before it. Try a smaller learning rate",
              "los gradientes se volvieron NaN o infinitos en la época {0}, lote {1} de {2}, primero en {3} de la capa '{4}'; no se aplicó la actualización de ese lote, así que los pesos son los de antes. Prueba una tasa de aprendizaje menor"),
        .nonFiniteUpdate: ("the update of epoch {0}, batch {1} of {2} made weights infinite, first in {3} of layer '{4}' (learning rate x gradient overflowed); it was undone, so the weights are those from before that batch. Try a smaller learning rate",
              "la actualización de la época {0}, lote {1} de {2} volvió infinitos pesos, primero en {3} de la capa '{4}' (desbordó tasa de aprendizaje x gradiente); se deshizo, así que los pesos son los de antes de ese lote. Prueba una tasa de aprendizaje menor"),
    ]
    static var english: [MessageKey: String] { entries.mapValues(\.en) }
    static var spanish: [MessageKey: String] { entries.mapValues(\.es) }
}
