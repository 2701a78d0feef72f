import Dispatch

/// Runs two independent computations at the same time and returns both results: the
/// engine's passes come in pairs that do not depend on each other, and the machines it
/// targets have two cores. Each half sees only Sendable values, so they cannot race.
func both<A: Sendable, B: Sendable>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
    let first = ResultSlot<A>(), second = ResultSlot<B>()
    withoutActuallyEscaping(a) { a in
        withoutActuallyEscaping(b) { b in
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                if i == 0 { first.value = a() } else { second.value = b() }
            }
        }
    }
    return (first.value!, second.value!)
}

/// Where one half of `both` leaves its result: each slot is written by one thread, and
/// read only after `concurrentPerform` has returned, which orders the write before the read.
private final class ResultSlot<T>: @unchecked Sendable {
    var value: T?
}
