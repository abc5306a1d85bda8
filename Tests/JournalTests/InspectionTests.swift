import Glibc
import Journal
import Testing

@Suite("Inspection (posterm-flash)")
struct InspectionTests {
    @Test("records on an image: every committed record, values opaque, markers superseded after GC")
    func records() throws {
        let (device, store) = try freshStore(Geometries.small(sectors: 8))
        try store.commit(JournalGroup([.put(key: "keys/tmk", value: [0xDE, 0xAD]), .increment(counter: "trace", by: 3)]))
        try store.commit(JournalGroup([.append(orderNumber: 7, traceNumber: 3, batch: 1, payload: [1, 2, 3])]))
        let records = try JournalStore.records(on: device)
        let put = records.first { $0.kind == "put" && $0.key == "keys/tmk" }
        #expect(put?.value == [0xDE, 0xAD])
        #expect(records.contains { $0.kind == "counter" && $0.numbers["value"] == 3 })
        #expect(records.contains { $0.kind == "log" && $0.numbers["order"] == 7 && $0.value == [1, 2, 3] })
        // After a remount the old newest sector is evacuated: its records are superseded copies.
        _ = try JournalStore(mounting: device)
        let after = try JournalStore.records(on: device)
        #expect(after.filter { $0.kind == "put" && !$0.superseded }.count == 1)
    }

    @Test("sector status adds up and a read-only mount writes nothing")
    func status() throws {
        let (device, store) = try freshStore(Geometries.small(sectors: 8))
        for i in 0..<30 { try store.commit(JournalGroup([.put(key: "k\(i % 5)", value: [UInt8](repeating: 1, count: 100))])) }
        let before = device.image
        let inspection = try JournalStore(mounting: device, options: JournalOptions(readOnly: true))
        #expect(device.image == before)
        #expect(inspection.isReadOnly)
        #expect(throws: JournalError.readOnly(.requested)) { try inspection.commit(JournalGroup([.delete(key: "k1")])) }
        let status = inspection.sectorStatus()
        #expect(status.count == 8)
        let live = status.reduce(0) { $0 + $1.liveBytes }
        #expect(live > 5 * 100 && live < 5 * 200)
        #expect(status.allSatisfy { $0.liveBytes <= $0.usedBytes })
    }

    @Test("a damaged image is reported with sector and offset")
    func damagedImage() throws {
        let (device, store) = try freshStore(Geometries.small(sectors: 8))
        for i in 0..<40 { try store.commit(JournalGroup([.put(key: "k\(i)", value: [UInt8](repeating: UInt8(i), count: 60))])) }
        let remounted = try JournalStore(mounting: device)
        guard let oldest = remounted.sectorStatus().filter({ $0.role == .data }).min(by: { $0.sequence < $1.sequence }) else {
            Issue.record("no data sector"); return
        }
        // Break a record header in the middle of a sealed sector.
        device.flipBit(oldest.index * 1024 + 64 + 1 + 2, bit: 3)
        let inspection = try JournalStore(mounting: device, options: JournalOptions(readOnly: true))
        let lost = inspection.mountReport.notes.filter(\.lostData)
        #expect(!lost.isEmpty)
        #expect(lost.allSatisfy { $0.sector == oldest.index })
    }
}
