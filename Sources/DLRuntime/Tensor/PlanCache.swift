/// A layer's oneDNN plans, made on first use for each batch size (and purpose: training
/// plans also hold the backward passes). A nil entry remembers that oneDNN declined, so the
/// layer falls back without asking again. Cleared when the layer is built anew.
struct PlanCache<Plan: AnyObject> {
    private var training: [Int: Plan?] = [:]
    private var inference: [Int: Plan?] = [:]

    mutating func plan(batch: Int, inference forInference: Bool, make: () -> Plan?) -> Plan? {
        if let cached = forInference ? inference[batch] : training[batch] { return cached }
        let p = make()
        if forInference { inference[batch] = .some(p) } else { training[batch] = .some(p) }
        return p
    }

    mutating func reset() {
        training = [:]
        inference = [:]
    }
}
