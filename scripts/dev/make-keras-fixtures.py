#!/usr/bin/env python3
"""Makes the Keras files cnnsh's tests load: two small models with random weights (moving
statistics included), saved by Keras 3 as .keras and .weights.h5, and Keras's predictions for
the input arange(n) / n reshaped to the model's input.

Run with the Keras venv: ~/.cnnsh-keras/bin/python scripts/dev/make-keras-fixtures.py
Writes Tests/DLRuntimeTests/Fixtures/keras/."""
import json, os
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
import keras
from keras import layers

out = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "DLRuntimeTests", "Fixtures", "keras")
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(7)

def randomize(model):
    """Every weight random, moving variances positive."""
    for v in model.weights:
        values = rng.normal(0, 0.5, v.shape).astype("float32")
        v.assign(np.abs(values) + 0.5 if "variance" in v.path else values)

def graph():
    x = keras.Input((8, 8, 3))
    a = layers.Conv2D(4, 3, padding="same", activation="relu")(x)
    b = layers.BatchNormalization()(a)
    c = layers.add([a, b])
    d = layers.Concatenate()([c, a])
    e = layers.DepthwiseConv2D(3, padding="same")(d)
    e = layers.ReLU(6.0)(e)
    f = layers.SeparableConv2D(6, 3, use_bias=False)(e)
    f = layers.Activation("swish")(f)
    g = layers.ZeroPadding2D(((0, 1), (0, 1)))(f)
    se = layers.GlobalAveragePooling2D()(g)
    se = layers.Reshape((1, 1, 6))(se)
    g = layers.multiply([g, se])
    h = layers.AveragePooling2D(3, strides=2, padding="same")(g)
    y = layers.Dense(3, activation="softmax")(layers.Flatten()(h))
    return keras.Model(x, y, name="graph")

def sequential():
    m = keras.Sequential([
        keras.Input((10, 10, 1)),
        layers.Rescaling(1 / 2.0),
        layers.Conv2D(5, 3, activation="relu"),
        layers.MaxPooling2D(2),
        layers.BatchNormalization(scale=False),
        layers.Dropout(0.3),
        layers.Flatten(),
        layers.Dense(8, activation="tanh"),
        layers.Dense(2, activation="sigmoid"),
    ], name="small_cnn")
    m.compile(optimizer=keras.optimizers.Adam(learning_rate=0.003), loss="binary_crossentropy", metrics=["accuracy"])
    return m

expected = {}
for name, make in [("graph", graph), ("sequential", sequential)]:
    m = make()
    randomize(m)
    m.save(os.path.join(out, name + ".keras"))
    m.save_weights(os.path.join(out, name + ".weights.h5"))
    shape = (2,) + tuple(m.input_shape[1:])
    n = int(np.prod(shape))
    x = (np.arange(n, dtype="float32") / n).reshape(shape)
    expected[name] = {"input_shape": list(shape), "predictions": m.predict(x, verbose=0).tolist(),
                      "params": int(m.count_params())}
    print(name, m.count_params())
with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1)

# A zoo network's weights in the Keras 2 layout keras.applications publishes its ImageNet
# files in (layer_names / weight_names), random, with Keras's predictions for 0..255 pixels.
from keras.src.legacy.saving import legacy_h5_format
import h5py
m = keras.applications.MobileNetV2(weights=None, alpha=0.35, input_shape=(96, 96, 3), classes=10)
randomize(m)
with h5py.File(os.path.join(out, "mobilenet_v2_0.35_96_random.h5"), "w") as f:
    legacy_h5_format.save_weights_to_hdf5_group(f, m)
n = 2 * 96 * 96 * 3
x = (np.arange(n, dtype="float32") % 256).reshape((2, 96, 96, 3))
x = keras.applications.mobilenet_v2.preprocess_input(x)
expected["mobilenet_v2"] = {"input_shape": [2, 96, 96, 3], "predictions": m.predict(x, verbose=0).tolist(), "params": int(m.count_params())}
with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1)
print("mobilenet_v2", m.count_params())
