import Foundation

/// A key position of R18 on a deal's path of touches.
public enum TouchPosition: String, CaseIterable, Sendable, Hashable {
    case first, leadCreation = "lead_creation", dealCreation = "deal_creation", closedWon = "closed_won"
}

/// Key positions as bits: a touch's positions in a byte rather than a Set.
struct PositionSet: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    static let first = PositionSet(rawValue: 1)
    static let leadCreation = PositionSet(rawValue: 2)
    static let dealCreation = PositionSet(rawValue: 4)
    static let closedWon = PositionSet(rawValue: 8)
    /// Each position with its bit, in bit order.
    static let bits: [(position: TouchPosition, bit: PositionSet)] =
        [(.first, .first), (.leadCreation, .leadCreation), (.dealCreation, .dealCreation), (.closedWon, .closedWon)]

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init(_ positions: Set<TouchPosition>) {
        self = []
        for (p, bit) in Self.bits where positions.contains(p) { insert(bit) }
    }

    var positions: Set<TouchPosition> { Set(Self.bits.filter { contains($0.bit) }.map(\.position)) }
}

/// An attribution model of R18: weights on key positions and a share for the
/// other touches, or time decay with a half-life.
public struct AttributionModel: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case positional(weights: [TouchPosition: Decimal], others: Decimal)
        case linear
        case timeDecay(halfLifeDays: Double)
    }
    public let name: String
    public let kind: Kind
    /// The position weights (in `PositionSet.bits` order) and the others' share in whole millionths, for integer credits.
    let millionths: (positions: [Int128], others: Int128)
    /// The positions that weigh at least a millionth: in the integer sums a touch holds only these.
    let countedPositions: PositionSet

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
        if case .positional(let weights, let others) = kind {
            let positions = PositionSet.bits.map { CreditUnits.millionths(weights[$0.position] ?? 0) }
            millionths = (positions, CreditUnits.millionths(others))
            countedPositions = PositionSet(Set(zip(PositionSet.bits, positions).filter { $0.1 != 0 }.map(\.0.position)))
        } else {
            millionths = ([], 0)
            countedPositions = []
        }
    }

    public static func == (a: AttributionModel, b: AttributionModel) -> Bool { a.name == b.name && a.kind == b.kind }
    public func hash(into hasher: inout Hasher) { hasher.combine(name); hasher.combine(kind) }

    /// The nine models of R18, in the SPEC's order.
    public static let builtIn: [AttributionModel] = [
        .init(name: "first", kind: .positional(weights: [.first: 1], others: 0)),
        .init(name: "last", kind: .positional(weights: [.closedWon: 1], others: 0)),
        .init(name: "linear", kind: .linear),
        .init(name: "u_shaped", kind: .positional(weights: [.first: 0.4, .leadCreation: 0.4], others: 0.2)),
        .init(name: "w_shaped", kind: .positional(weights: [.first: 0.3, .leadCreation: 0.3, .dealCreation: 0.3], others: 0.1)),
        .init(name: "full_path", kind: .positional(weights: [.first: 0.225, .leadCreation: 0.225, .dealCreation: 0.225, .closedWon: 0.225], others: 0.1)),
        .init(name: "time_decay", kind: .timeDecay(halfLifeDays: 7)),
        .init(name: "j_shaped", kind: .positional(weights: [.first: 0.2, .closedWon: 0.6], others: 0.2)),
        .init(name: "inverse_j", kind: .positional(weights: [.first: 0.6, .closedWon: 0.2], others: 0.2)),
    ]

    /// The positions this model weights: a touch "holds" only these.
    public var weightedPositions: Set<TouchPosition> {
        if case .positional(let w, _) = kind { return Set(w.filter { $0.value != 0 }.keys) }
        return []
    }

    /// The sum of the weights of `positions`, in millionths.
    func weight(of positions: PositionSet) -> Int128 {
        var sum: Int128 = 0
        for (j, (_, bit)) in PositionSet.bits.enumerated() where positions.contains(bit) { sum += millionths.positions[j] }
        return sum
    }

    /// Each touch's share of the deal (summing to 1), given the positions each
    /// touch holds and its age at the close in days.
    public func shares(positions: [Set<TouchPosition>], daysBeforeClose: [Double]) -> [Decimal] {
        let raw = rawWeights(positions: positions, daysBeforeClose: daysBeforeClose)
        let total = raw.reduce(Decimal(0), +)
        return raw.map { $0 / total }
    }

    /// R18's collision rule: a touch's raw weight is the sum of its positions' weights,
    /// or, holding none, an equal part of the others' share. Scaling them to sum to 1
    /// gives the shares. When no touch has any weight (a custom model whose positions
    /// are all missing), every touch weighs the same.
    func rawWeights(positions: [Set<TouchPosition>], daysBeforeClose: [Double]) -> [Decimal] {
        let n = positions.count
        guard n > 0 else { return [] }
        var raw = [Decimal](repeating: 0, count: n)
        switch kind {
        case .linear:
            raw = [Decimal](repeating: 1, count: n)
        case .timeDecay(let halfLife):
            raw = daysBeforeClose.map { Decimal(pow(2, -$0 / halfLife)) }
        case .positional(let weights, let others):
            var othersCount = 0
            for i in 0..<n {
                var w = Decimal(0)
                var holds = false
                for p in positions[i] { if let pw = weights[p], pw != 0 { w += pw; holds = true } }
                if holds { raw[i] = w } else { othersCount += 1 }
            }
            if othersCount > 0, others != 0 {
                let part = others / Decimal(othersCount)
                for i in 0..<n where raw[i] == 0 && !positions[i].contains(where: { (weights[$0] ?? 0) != 0 }) { raw[i] = part }
            }
        }
        if !raw.contains(where: { $0 > 0 }) { return [Decimal](repeating: 1, count: n) }
        return raw
    }
}
