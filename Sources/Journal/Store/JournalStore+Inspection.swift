/// The state of one physical sector, for statistics and wear maps.
public struct SectorStatus: Sendable, Hashable {
    /// What a sector is used for.
    public enum Role: String, Sendable, Hashable {
        /// Holds committed groups.
        case data
        /// Formatted and waiting (erased when prepared ahead).
        case spare
        /// Needs an erase before use (torn header, evacuated).
        case dirty
        /// Worn out; never used again.
        case bad
    }

    /// Physical sector index.
    public var index: Int
    /// Its role.
    public var role: Role
    /// Sector sequence (data sectors), 0 otherwise.
    public var sequence: UInt64
    /// Erase cycles from the sector header; nil when the header was lost.
    public var eraseCount: UInt32?
    /// Bytes written: headers plus committed groups (data sectors).
    public var usedBytes: Int
    /// Bytes of records that still hold live items.
    public var liveBytes: Int
}

/// One committed record found on flash, as `posterm-flash dump` prints it.
public struct ImageRecord: Sendable, Hashable {
    /// Physical sector.
    public var sector: Int
    /// Sector sequence.
    public var sequence: UInt64
    /// Group (commit) id.
    public var groupId: UInt64
    /// Record kind: put, delete, log, counter, settle, drop, seal, gcDone.
    public var kind: String
    /// Key or counter name (put, delete, counter).
    public var key: String?
    /// Numbers carried by the record (log id/order/trace/batch, counter value, batch, sequence).
    public var numbers: [String: UInt64]
    /// Opaque value bytes (put value, log payload); never interpreted.
    public var value: [UInt8]?
    /// True when the value failed its CRC (media damage).
    public var damaged: Bool
    /// True when a later marker excludes the record (evacuated or sealed-off sector content).
    public var superseded: Bool
}

extension JournalStore {
    /// Role, sequence, wear and fill of every sector.
    public func sectorStatus() -> [SectorStatus] {
        sectors.indices.map { i in
            let info = sectors[i]
            let role: SectorStatus.Role
            switch info.role {
            case .data: role = .data
            case .spare: role = .spare
            case .dirty: role = .dirty
            case .bad: role = .bad
            }
            return SectorStatus(index: i, role: role, sequence: role == .data ? info.sequence : 0,
                                eraseCount: info.eraseCount,
                                usedBytes: role == .data ? info.end : (role == .spare ? layout.headerASize : 0),
                                liveBytes: state.liveBytes[i])
        }
    }

    /// Bytes one sector holds for records.
    public var sectorCapacity: Int { layout.capacity }

    /// Every committed record on the device, oldest sector first, read without writing anything.
    /// Values are returned as opaque bytes.
    public static func records(on device: any FlashDevice) throws(JournalError) -> [ImageRecord] {
        let layout = Layout(device.geometry)
        var found: [(UInt64, Int, ParsedSector)] = []
        for s in 0..<device.geometry.sectorCount {
            let bytes: [UInt8]
            do { bytes = try device.read(layout.address(sector: s, offset: 0), count: device.geometry.sectorSize) } catch {
                throw .corrupt("sector \(s) could not be read: \(error)")
            }
            bytes.withUnsafeBytes { raw in
                guard let ec = SectorHeaders.decodeA(UnsafeRawBufferPointer(rebasing: raw[0..<layout.headerASize]), layout: layout),
                      let seq = SectorHeaders.decodeB(UnsafeRawBufferPointer(rebasing: raw[layout.headerASize..<layout.dataStart]),
                                                      eraseCount: ec) else { return }
                found.append((seq, s, SectorParser.parse(raw, sequence: seq, layout: layout)))
            }
        }
        found.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        var evacuated: Set<UInt64> = []
        var seals: [UInt64: Int] = [:]
        for (_, _, p) in found {
            for g in p.groups {
                for e in g.effects {
                    if case .gcDone(let t) = e { evacuated.insert(t) }
                    if case .seal(let t, let end) = e { seals[t] = min(seals[t] ?? .max, Int(end)) }
                }
            }
        }
        var out: [ImageRecord] = []
        for (seq, s, p) in found {
            for g in p.groups {
                let superseded = evacuated.contains(seq) || g.end > (seals[seq] ?? .max)
                for e in g.effects {
                    var r = ImageRecord(sector: s, sequence: seq, groupId: g.id, kind: "", key: nil, numbers: [:],
                                        value: nil, damaged: false, superseded: superseded)
                    switch e {
                    case .put(let key, let value, let damaged):
                        r.kind = "put"; r.key = key; r.value = value; r.damaged = damaged
                    case .delete(let key):
                        r.kind = "delete"; r.key = key
                    case .log(let l, let damaged):
                        r.kind = "log"; r.value = l.payload; r.damaged = damaged
                        r.numbers = ["id": l.id, "order": l.orderNumber, "trace": l.traceNumber, "batch": l.batch]
                    case .counter(let name, let value):
                        r.kind = "counter"; r.key = name; r.numbers = ["value": value]
                    case .settle(let b):
                        r.kind = "settle"; r.numbers = ["batch": b]
                    case .dropBatch(let b):
                        r.kind = "drop"; r.numbers = ["batch": b]
                    case .seal(let t, let end):
                        r.kind = "seal"; r.numbers = ["sequence": t, "end": UInt64(end)]
                    case .gcDone(let t):
                        r.kind = "gcDone"; r.numbers = ["sequence": t]
                    }
                    out.append(r)
                }
            }
        }
        return out
    }
}
