/// A generic ISO 8583 message: an MTI and the values of fields 2-128.
///
/// Values are bytes: ASCII characters for `n`, `z` (with `=` as the track separator), `an` and
/// `ans` fields, raw bytes for `b` fields. The bitmap follows from which fields are set.
/// Values live in one contiguous buffer, so unpacking a message costs two allocations
/// whatever its field count.
public struct ISO8583Message: Sendable {
    /// The message type indicator.
    public var mti: MTI
    /// All values, back to back (replaced values leave dead bytes until compaction).
    private(set) var storage: [UInt8] = []
    /// Where each present field's value sits in `storage`, in field-number order.
    private(set) var slots: [Slot] = []
    /// Presence bits, field 1 in the most significant bit of `primary`, field 65 in `secondary`'s.
    private(set) var primary: UInt64 = 0
    private(set) var secondary: UInt64 = 0
    /// Bytes of `storage` still referenced by a slot.
    private var liveBytes = 0

    struct Slot: Sendable {
        var start: Int
        var count: Int
    }

    /// An empty message of the given type.
    public init(mti: MTI) {
        self.mti = mti
    }

    /// A decoded message: values in `storage`, one slot per set bit in field order.
    init(mti: MTI, storage: [UInt8], slots: [Slot], primary: UInt64, secondary: UInt64) {
        self.mti = mti
        self.storage = storage
        self.slots = slots
        self.primary = primary
        self.secondary = secondary
        self.liveBytes = storage.count
    }

    /// The value of field `number` (2-128), or nil when absent. Setting nil removes the field.
    /// A field number outside 2-128 is a programming error.
    public subscript(number: Int) -> [UInt8]? {
        get {
            guard let slot = slot(number) else { return nil }
            return Array(storage[slot.start..<(slot.start + slot.count)])
        }
        set {
            if let newValue { replace(number, with: newValue) } else { remove(number) }
        }
    }

    /// The value of field `number` as text (UTF-8 decoding of the stored bytes).
    public func text(_ number: Int) -> String? {
        guard let slot = slot(number) else { return nil }
        return String(decoding: storage[slot.start..<(slot.start + slot.count)], as: UTF8.self)
    }

    /// Sets field `number` from text (its UTF-8 bytes); nil removes the field.
    public mutating func setText(_ number: Int, _ text: String?) {
        if let text { replace(number, with: text.utf8) } else { remove(number) }
    }

    /// The bytes of field `number` without copying them out, nil when absent.
    func bytes(_ number: Int) -> ArraySlice<UInt8>? {
        guard let slot = slot(number) else { return nil }
        return storage[slot.start..<(slot.start + slot.count)]
    }

    /// Stores `value` as field `number`, replacing any earlier value. A field number outside
    /// 2-128 is a programming error.
    private mutating func replace(_ number: Int, with value: some Collection<UInt8>) {
        precondition((2...128).contains(number), "field number \(number) outside 2-128")
        if storage.capacity == 0 {
            storage.reserveCapacity(256)
            slots.reserveCapacity(24)
        }
        let index = slotIndex(number)
        let present = isPresent(number)
        let slot = Slot(start: storage.count, count: value.count)
        storage.append(contentsOf: value)
        liveBytes += slot.count
        if present {
            liveBytes -= slots[index].count
            slots[index] = slot
        } else {
            slots.insert(slot, at: index)
            setPresence(number, true)
        }
        if storage.count > 1024 && liveBytes * 2 < storage.count { compact() }
    }

    /// Removes field `number` when present.
    private mutating func remove(_ number: Int) {
        precondition((2...128).contains(number), "field number \(number) outside 2-128")
        guard isPresent(number) else { return }
        let index = slotIndex(number)
        liveBytes -= slots[index].count
        slots.remove(at: index)
        setPresence(number, false)
    }

    /// Whether field `number` is present.
    public func has(_ number: Int) -> Bool { (2...128).contains(number) && isPresent(number) }

    /// The present field numbers in ascending order.
    public var fieldNumbers: [Int] {
        var numbers: [Int] = []
        numbers.reserveCapacity(slots.count)
        for (mask, base) in [(primary, 0), (secondary, 64)] {
            var rest = mask
            while rest != 0 {
                let zeros = rest.leadingZeroBitCount
                numbers.append(base + zeros + 1)
                rest &= ~(UInt64(1) << (63 - zeros))
            }
        }
        return numbers
    }

    /// The storage range of field `number`, nil when absent or out of range.
    func slot(_ number: Int) -> Slot? {
        guard (2...128).contains(number), isPresent(number) else { return nil }
        return slots[slotIndex(number)]
    }

    private func isPresent(_ number: Int) -> Bool {
        number <= 64 ? primary & (UInt64(1) << (64 - number)) != 0 : secondary & (UInt64(1) << (128 - number)) != 0
    }

    /// How many present fields come before `number` (its index in `slots`).
    private func slotIndex(_ number: Int) -> Int {
        // Smart shifts: shifting a UInt64 by 64 gives 0.
        number <= 64 ? (primary >> UInt64(65 - number)).nonzeroBitCount
            : primary.nonzeroBitCount + (secondary >> UInt64(129 - number)).nonzeroBitCount
    }

    private mutating func setPresence(_ number: Int, _ isSet: Bool) {
        if number <= 64 {
            let bit = UInt64(1) << (64 - number)
            primary = isSet ? primary | bit : primary & ~bit
        } else {
            let bit = UInt64(1) << (128 - number)
            secondary = isSet ? secondary | bit : secondary & ~bit
        }
    }

    private mutating func compact() {
        var packed: [UInt8] = []
        packed.reserveCapacity(liveBytes)
        for index in slots.indices {
            let slot = slots[index]
            slots[index].start = packed.count
            packed.append(contentsOf: storage[slot.start..<(slot.start + slot.count)])
        }
        storage = packed
    }
}

extension ISO8583Message: Hashable {
    /// Messages are equal when they have the same MTI and the same field values.
    public static func == (lhs: ISO8583Message, rhs: ISO8583Message) -> Bool {
        guard lhs.mti == rhs.mti, lhs.primary == rhs.primary, lhs.secondary == rhs.secondary else { return false }
        for (left, right) in zip(lhs.slots, rhs.slots)
        where !lhs.storage[left.start..<(left.start + left.count)].elementsEqual(
            rhs.storage[right.start..<(right.start + right.count)]) {
            return false
        }
        return true
    }

    /// Hashes the MTI and the field values.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(mti)
        hasher.combine(primary)
        hasher.combine(secondary)
        for slot in slots {
            hasher.combine(slot.count)
            for byte in storage[slot.start..<(slot.start + slot.count)] { hasher.combine(byte) }
        }
    }
}
