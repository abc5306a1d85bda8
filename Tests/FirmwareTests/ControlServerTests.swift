import Foundation
import Logging
import Testing
@testable import Firmware
#if canImport(Glibc)
import Glibc
#endif

/// A blocking line client over a real socket.
final class LineClient {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(tcpPort: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(tcpPort).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw ControlError("connect", "errno \(errno)") }
    }

    init(unixPath: String) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in unixPath.utf8.enumerated() where index < raw.count - 1 { raw[index] = byte }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else { throw ControlError("connect", "errno \(errno)") }
    }

    deinit { close(fd) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
    }

    func sendBytes(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
    }

    /// Reads one reply line (blocking, with a 10 s receive timeout as a safety net).
    func readLine() -> String? {
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeFirst(newline + 1)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }
}

@Suite struct ControlServerTests {
    private func serve(_ terminal: SimulatedTerminal, on endpoint: ControlEndpoint) throws -> (ControlServer, String) {
        let server = ControlServer(dispatcher: terminal.dispatcher, logger: Logger(label: "test"))
        return (server, try server.listen(on: endpoint))
    }

    @Test func tcpSessionAnswersInOrderAndSurvivesGarbage() throws {
        let terminal = try SimulatedTerminal()
        let (server, bound) = try serve(terminal, on: .tcp(host: "127.0.0.1", port: 0))
        defer { server.shutdown() }
        let port = Int(bound.split(separator: ":").last ?? "") ?? 0
        let client = try LineClient(tcpPort: port)
        // Several requests in one write, including garbage and an empty line, answered in order.
        client.send("{\"op\":\"power\",\"action\":\"on\",\"id\":1}\n\ngarbage\n{\"op\":\"wait\",\"screen\":\"idle\",\"id\":2}\r\n")
        #expect(client.readLine()?.contains("\"id\":1") == true)
        #expect(client.readLine()?.contains("\"bad_json\"") == true)
        #expect(client.readLine()?.contains("\"id\":2") == true)
        // Invalid UTF-8 and an overlong line each get an error; the session carries on.
        client.sendBytes([0xFF, 0xFE, 0x0A])
        #expect(client.readLine()?.contains("bad_utf8") == true)
        client.send(String(repeating: "x", count: ControlRequest.maximumLineBytes + 10) + "\n")
        #expect(client.readLine()?.contains("line_too_long") == true)
        client.send("{\"op\":\"screen\"}\n")
        #expect(client.readLine()?.contains("\"screen\":\"idle\"") == true)
    }

    @Test func twoClientsShareOneTerminal() throws {
        let terminal = try SimulatedTerminal()
        let (server, bound) = try serve(terminal, on: .tcp(host: "127.0.0.1", port: 0))
        defer { server.shutdown() }
        let port = Int(bound.split(separator: ":").last ?? "") ?? 0
        let first = try LineClient(tcpPort: port)
        let second = try LineClient(tcpPort: port)
        first.send("{\"op\":\"power\",\"action\":\"on\"}\n")
        _ = first.readLine()
        second.send("{\"op\":\"status\"}\n")
        #expect(second.readLine()?.contains("\"power\":\"on\"") == true)
    }

    @Test func unixSocketServesTheSameProtocol() throws {
        let terminal = try SimulatedTerminal()
        let path = NSTemporaryDirectory() + "posterm-test-\(getpid()).sock"
        let (server, _) = try serve(terminal, on: .unix(path: path))
        defer { server.shutdown() }
        let client = try LineClient(unixPath: path)
        client.send("{\"op\":\"version\"}\n")
        #expect(client.readLine()?.contains("\"protocol\":\"\(controlProtocolVersion)\"") == true)
    }
}
