import Foundation
import DLRuntime

/// Python's everyday builtins and the methods of lists, dicts and strings.
enum CoreBuiltins {
    static func register(_ t: inout BuiltinTable) {
        t.add("print", ["*values", "sep", "end"]) { a in
            let sep = try a.string("sep", " "), end = try a.string("end", "\n")
            a.interp.output.write(a.rest.map(\.str).joined(separator: sep) + end)
            return .none
        }
        t.add("len", ["x"]) { a in
            switch try a.required("x") {
            case .list(let l): return .int(l.items.count)
            case .tuple(let t): return .int(t.count)
            case .string(let s): return .int(s.count)
            case .dict(let d): return .int(d.keys.count)
            case .tensor(let b):
                guard b.rank > 0 else { throw CnnError(.lenOfScalar) }
                return .int(b.shape[0])
            case .model(let m): return .int(m.layers.count)
            case let v: throw CnnError(.noLength, v.typeName)
            }
        }
        t.add("range", ["start", "stop", "step"]) { a in
            var lo = 0, hi = try a.int("start")
            if a.has("stop") { lo = hi; hi = try a.int("stop") }
            let step = try a.int("step", 1)
            guard step != 0 else { throw CnnError(.sliceStepZero) }
            // A list of numbers is 16 bytes each here: refuse what cannot fit, as zeros() does.
            try Limits.checkArray([max(0, (hi - lo) / step)], bytesPerElement: 16)
            return .list(Array(stride(from: lo, to: hi, by: step)).map { .int($0) })
        }
        t.add("list", ["x"]) { a in
            guard let v = a["x"] else { return .list([]) }
            return .list(try a.interp.iterate(v))
        }
        t.add("tuple", ["x"]) { a in .tuple(try a["x"].map(a.interp.iterate) ?? []) }
        t.add("dict", ["*pairs"]) { a in
            let d = DictBox()
            for p in a.rest { for item in try a.interp.iterate(p) {
                let kv = try a.interp.iterate(item)
                guard kv.count == 2 else { throw CnnError(.unpackCount, 2, kv.count) }
                try d.set(kv[0], kv[1])
            }}
            return .dict(d)
        }
        t.add("str", ["x"]) { a in .string(a["x"]?.str ?? "") }
        t.add("repr", ["x"]) { a in .string(try a.required("x").repr) }
        t.add("int", ["x"]) { a in
            let d = try numberArgument(a)
            guard let i = d.rounded(.towardZero).exactInt else { throw CnnError(.noIntegerValue, formatFloat(d)) }
            return .int(i)
        }
        t.add("float", ["x"]) { a in .float(try numberArgument(a)) }
        t.add("bool", ["x"]) { a in .bool(a["x"]?.truthy ?? false) }
        t.add("abs", ["x"]) { a in
            let v = try a.required("x")
            switch v {
            case .int(let i): return .int(Swift.abs(i))
            case .tensor(let b): return .tensor(b.t.map { Swift.abs($0) }.withDType(b.dtype))
            default:
                guard let d = v.number else { throw a.fail("x", .typeNumber, v) }
                return .float(Swift.abs(d))
            }
        }
        t.add("round", ["x", "ndigits"]) { a in
            let x = try a.double("x")
            guard a.has("ndigits") else {
                guard let i = x.rounded(.toNearestOrEven).exactInt else { throw CnnError(.noIntegerValue, formatFloat(x)) }
                return .int(i)
            }
            let p = pow(10.0, Double(try a.int("ndigits")))
            return .float((x * p).rounded(.toNearestOrEven) / p)
        }
        t.add("enumerate", ["x", "start"]) { a in
            let start = try a.int("start", 0)
            return .list(try a.interp.iterate(try a.required("x")).enumerated().map { .tuple([.int($0.offset + start), $0.element]) })
        }
        t.add("zip", ["*seqs"]) { a in
            let seqs = try a.rest.map(a.interp.iterate)
            let n = seqs.map(\.count).min() ?? 0
            return .list((0..<n).map { i in .tuple(seqs.map { $0[i] }) })
        }
        t.add("sorted", ["x", "reverse"]) { a in
            var items = try a.interp.iterate(try a.required("x"))
            try sortValues(&items, a.interp)
            if a.bool("reverse", false) { items.reverse() }
            return .list(items)
        }
        t.add("any", ["x"]) { a in .bool(try a.interp.iterate(try a.required("x")).contains { $0.truthy }) }
        t.add("all", ["x"]) { a in .bool(try a.interp.iterate(try a.required("x")).allSatisfy { $0.truthy }) }
        t.add("type", ["x"]) { a in .string(try a.required("x").typeName) }
        t.add("isinstance", ["x", "kind"]) { a in
            let v = try a.required("x")
            guard case .builtin(let b) = try a.required("kind") else { return .bool(false) }
            return .bool(v.typeName == b.name || (b.name == "float" && v.typeName == "int"))
        }
        t.add("seed", ["n"]) { a in
            RandomSource.shared = RandomSource(seed: UInt64(truncatingIfNeeded: try a.int("n")))
            return .none
        }
        t.alias("set_random_seed", "seed")
        t.add("threads", ["n"]) { a in
            if a.has("n") { try Parallel.setThreads(try a.int("n")) }
            return .int(Parallel.threads)
        }
        t.add("env", ["name", "default"]) { a in
            let value = ProcessInfo.processInfo.environment[try a.string("name")]
            return value.map { .string($0) } ?? (a["default"] ?? .none)
        }
        t.add("time", ["f"]) { a in
            guard let f = a["f"] else { return .float(Date().timeIntervalSince1970) }
            let start = Date()
            let v = try a.interp.call(f, [], [])
            a.interp.output.write(Catalog.text(.elapsed, String(format: "%.3f", Date().timeIntervalSince(start))) + "\n")
            return v
        }
        t.add("memory", ["peak"]) { a in
            let bytes = a.bool("peak", false) ? ProcessMemory.peakBytes() : ProcessMemory.residentBytes()
            return .float((Double(bytes) / 1_048_576 * 10).rounded() / 10)
        }
        t.add("help", ["topic"]) { a in
            var name: String?
            switch a["topic"] {
            case .builtin(let b)?: name = b.name
            case .method(let b, _)?: name = b.name
            case .string(let s)?: name = s
            case nil: name = nil
            case let v?: name = v.typeName
            }
            a.interp.output.write(Help.text(for: name, table: a.interp.builtins) + "\n")
            return .none
        }
        registerMethods(&t)
    }

    /// int(x) and float(x): a number, or a string holding one.
    static func numberArgument(_ a: Arguments) throws -> Double {
        let v = try a.required("x")
        if case .string(let s) = v {
            guard let d = Double(s.trimmingCharacters(in: .whitespaces)) else { throw CnnError(.notANumber, s) }
            return d
        }
        guard let d = v.number else { throw a.fail("x", .typeNumber, v) }
        return d
    }

    static func sortValues(_ items: inout [Value], _ interp: Interpreter) throws {
        var failure: Error?
        items.sort { x, y in
            do { return try interp.compare("<", x, y).truthy } catch { failure = error; return false }
        }
        if let failure { throw failure }
    }

    /// Methods of lists, dicts and strings ("list.append" is found through `xs.append`).
    static func registerMethods(_ t: inout BuiltinTable) {
        t.add("list.append", ["self", "x"]) { a in
            guard case .list(let l) = try a.required("self") else { return .none }
            l.items.append(try a.required("x")); return .none
        }
        t.add("list.extend", ["self", "xs"]) { a in
            guard case .list(let l) = try a.required("self") else { return .none }
            l.items += try a.interp.iterate(try a.required("xs")); return .none
        }
        t.add("list.pop", ["self", "i"]) { a in
            guard case .list(let l) = try a.required("self") else { return .none }
            guard !l.items.isEmpty else { throw CnnError(.popEmpty) }
            let i = try a.interp.normalized(try a.int("i", -1), l.items.count)
            return l.items.remove(at: i)
        }
        t.add("list.insert", ["self", "i", "x"]) { a in
            guard case .list(let l) = try a.required("self") else { return .none }
            let i = min(max(try a.int("i"), 0), l.items.count)
            l.items.insert(try a.required("x"), at: i); return .none
        }
        t.add("list.index", ["self", "x"]) { a in
            guard case .list(let l) = try a.required("self") else { return .none }
            let x = try a.required("x")
            guard let i = l.items.firstIndex(where: { a.interp.valuesEqual($0, x) }) else { throw CnnError(.notInList, x.repr) }
            return .int(i)
        }
        t.add("list.count", ["self", "x"]) { a in
            guard case .list(let l) = try a.required("self") else { return .none }
            let x = try a.required("x")
            return .int(l.items.filter { a.interp.valuesEqual($0, x) }.count)
        }
        t.add("list.copy", ["self"]) { a in
            guard case .list(let l) = try a.required("self") else { return .none }
            return .list(l.items)
        }
        t.add("list.reverse", ["self"]) { a in
            guard case .list(let l) = try a.required("self") else { return .none }
            l.items.reverse(); return .none
        }
        t.add("list.sort", ["self", "reverse"]) { a in
            guard case .list(let l) = try a.required("self") else { return .none }
            try sortValues(&l.items, a.interp)
            if a.bool("reverse", false) { l.items.reverse() }
            return .none
        }
        t.add("dict.keys", ["self"]) { a in
            guard case .dict(let d) = try a.required("self") else { return .none }
            return .list(d.keys)
        }
        t.add("dict.values", ["self"]) { a in
            guard case .dict(let d) = try a.required("self") else { return .none }
            return .list(d.values)
        }
        t.add("dict.items", ["self"]) { a in
            guard case .dict(let d) = try a.required("self") else { return .none }
            return .list(zip(d.keys, d.values).map { .tuple([$0, $1]) })
        }
        t.add("dict.get", ["self", "key", "default"]) { a in
            guard case .dict(let d) = try a.required("self") else { return .none }
            return d.get(try a.required("key")) ?? a["default"] ?? Value.none
        }
        t.add("dict.copy", ["self"]) { a in
            guard case .dict(let d) = try a.required("self") else { return .none }
            let c = DictBox()
            for (k, v) in zip(d.keys, d.values) { try c.set(k, v) }
            return .dict(c)
        }
        t.add("str.format", ["self", "*args"]) { a in
            let s = try a.string("self")
            var out = "", auto = 0
            var chars = Array(s)[...]
            while let c = chars.first {
                chars = chars.dropFirst()
                guard c == "{" else { out.append(c); continue }
                if chars.first == "{" { out.append("{"); chars = chars.dropFirst(); continue }
                var field = ""
                while let d = chars.first, d != "}" { field.append(d); chars = chars.dropFirst() }
                chars = chars.dropFirst()
                let parts = field.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let index = Int(parts[0]) ?? auto
                auto += 1
                guard index < a.rest.count else { throw CnnError(.formatArgumentCount) }
                out += parts.count > 1 ? try a.interp.formatSpec(a.rest[index], parts[1]) : a.rest[index].str
            }
            return .string(out)
        }
        t.add("str.upper", ["self"]) { a in .string(try a.string("self").uppercased()) }
        t.add("str.lower", ["self"]) { a in .string(try a.string("self").lowercased()) }
        t.add("str.strip", ["self"]) { a in .string(try a.string("self").trimmingCharacters(in: .whitespacesAndNewlines)) }
        t.add("str.join", ["self", "items"]) { a in
            .string(try a.interp.iterate(try a.required("items")).map(\.str).joined(separator: try a.string("self")))
        }
        t.add("str.split", ["self", "sep"]) { a in
            let s = try a.string("self")
            if let sep = a["sep"], case .string(let p) = sep { return .list(s.components(separatedBy: p).map { .string($0) }) }
            return .list(s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map { .string(String($0)) })
        }
        t.add("str.replace", ["self", "old", "new"]) { a in
            .string(try a.string("self").replacingOccurrences(of: try a.string("old"), with: try a.string("new")))
        }
        t.add("str.startswith", ["self", "prefix"]) { a in .bool(try a.string("self").hasPrefix(try a.string("prefix"))) }
        t.add("str.endswith", ["self", "suffix"]) { a in .bool(try a.string("self").hasSuffix(try a.string("suffix"))) }
    }
}
