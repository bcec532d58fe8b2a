# The benchmark workloads in Keras/TensorFlow-CPU, for scripts/bench to compare against:
# keras_workloads.py net_1|net_2|predict|cifar_net_1|cats_dogs|resnet50_predict|resnet50_train
# [EPOCHS] ("predict": net_1's predict on the test set; "cats_dogs": report 001's model on
# 2,000 PetImages photos at 128x128; the ResNet-50 pair: one image classified, 8 training
# steps at batch 16). Reads the data sets from $CNNSH_DATA (no download), like cnnsh does.
import gzip, os, sys, time
import numpy as np

net = sys.argv[1] if len(sys.argv) > 1 else "net_1"
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
root = os.environ.get("CNNSH_DATA", os.path.expanduser("~/.cnnsh/datasets"))

def idx(name):
    with gzip.open(os.path.join(root, "mnist", name)) as f:
        data = f.read()
    rank = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * rank).reshape(dims)

import keras
from keras import layers
keras.utils.set_random_seed(1)
def cifar(names):
    raw = np.concatenate([np.fromfile(os.path.join(root, "cifar-10-batches-bin", n), np.uint8).reshape(-1, 3073) for n in names])
    return raw[:, 1:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1), raw[:, :1]

def cats_dogs():
    """Report 001's model on 1,000 photos of each class, resized as cnnsh resizes them."""
    from PIL import Image
    xs, ys = [], []
    for label, c in enumerate(["Cat", "Dog"]):
        folder = os.path.join(root, "PetImages", c)
        for name in sorted(os.listdir(folder))[:1000]:
            xs.append(np.asarray(Image.open(os.path.join(folder, name)).convert("RGB").resize((128, 128), Image.BILINEAR)))
            ys.append(label)
    order = np.random.default_rng(1).permutation(len(xs))
    x, y = (np.stack(xs)[order] / 255).astype("float32"), np.array(ys)[order]
    blocks = []
    for filters in (32, 64, 128):
        blocks += [layers.Conv2D(filters, 3, activation="relu"), layers.BatchNormalization(), layers.MaxPooling2D(), layers.Dropout(0.25)]
    model = keras.Sequential([keras.Input((128, 128, 3))] + blocks + [layers.Flatten(), layers.Dense(512, activation="relu"),
                             layers.BatchNormalization(), layers.Dropout(0.5), layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    start = time.time()
    model.fit(x, y, batch_size=32, epochs=1, validation_split=0.1, verbose=2)
    seconds = time.time() - start
    print(f"bench seconds_per_epoch {seconds:.2f}")
    print(f"bench samples_per_second {1800 / seconds:.0f}")
    sys.exit(0)

def fastest(f, runs):
    """The shortest of `runs` timed calls of f, in seconds."""
    best = 1e9
    for _ in range(runs):
        start = time.time()
        f()
        best = min(best, time.time() - start)
    return best

def resnet50(train):
    """ResNet-50 with random weights: one 224x224 image classified (best of ten calls), or
    8 training steps at batch 16 (the second epoch timed)."""
    rng = np.random.default_rng(1)
    if not train:
        model = keras.applications.ResNet50(weights=None)
        x = keras.applications.resnet50.preprocess_input(rng.random((1, 224, 224, 3), dtype="float32") * 255)
        model.predict(x, verbose=0)
        print(f"bench predict_seconds {fastest(lambda: model.predict(x, verbose=0), 10):.3f}")
        sys.exit(0)
    model = keras.applications.ResNet50(weights=None, classes=10)
    x = rng.random((128, 224, 224, 3), dtype="float32")
    y = keras.utils.to_categorical(rng.permutation(128) % 10, 10)
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    model.fit(x, y, batch_size=16, epochs=1, verbose=0)
    start = time.time()
    model.fit(x, y, batch_size=16, epochs=1, verbose=0)
    print(f"bench seconds_per_epoch {time.time() - start:.2f}")
    sys.exit(0)

if net == "cats_dogs":
    cats_dogs()
if net.startswith("resnet50"):
    resnet50(net == "resnet50_train")
if net.startswith("cifar"):
    x_train, y_train = cifar([f"data_batch_{i}.bin" for i in range(1, 6)])
    x_test, y_test = cifar(["test_batch.bin"])
    shape, split = (32, 32, 3), 0.2
    x_train, x_test = (x_train / 255).astype("float32"), (x_test / 255).astype("float32")
else:
    x_train = np.expand_dims(idx("train-images-idx3-ubyte.gz") / 255, -1).astype("float32")
    y_train, x_test = idx("train-labels-idx1-ubyte.gz"), np.expand_dims(idx("t10k-images-idx3-ubyte.gz") / 255, -1).astype("float32")
    y_test = idx("t10k-labels-idx1-ubyte.gz")
    shape, split = (28, 28, 1), 0.1
y_train, y_test = keras.utils.to_categorical(y_train, 10), keras.utils.to_categorical(y_test, 10)
if net in ("net_1", "predict", "cifar_net_1"):
    middle = [layers.Conv2D(64, 3, activation="relu", padding="same"), layers.MaxPooling2D(2)]
else:
    middle = [layers.Conv2D(64, 3, strides=2, activation="relu", padding="same")]
model = keras.Sequential([keras.Input(shape), layers.Conv2D(32, 3, activation="relu", padding="same")]
                         + middle + [layers.Flatten(), layers.Dense(128, activation="relu"), layers.Dense(10, activation="softmax")])
if net == "predict":
    best = fastest(lambda: model.predict(x_test, verbose=0), 3)
    print(f"bench predict_seconds {best:.3f}")
    print(f"bench samples_per_second {10000 / best:.0f}")
    sys.exit(0)
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
start = time.time()
model.fit(x_train, y_train, batch_size=128, epochs=epochs, validation_split=split, verbose=2)
seconds = (time.time() - start) / epochs
print(f"bench seconds_per_epoch {seconds:.2f}")
print(f"bench samples_per_second {len(x_train) * (1 - split) / seconds:.0f}")
if epochs > 1:
    loss, acc = model.evaluate(x_test, y_test, verbose=0)
    print(f"bench test_accuracy {acc:.4f}")
