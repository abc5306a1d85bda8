import HAL

/// One role's backend and its validated settings, as a board file (plus overrides) gives them.
public struct RoleConfiguration: Sendable, Hashable {
    /// The backend's name (`mock`, `file`, `memory` …).
    public var backend: String
    /// The line of the board file the role starts on (nil when defaulted).
    public var line: Int?
    fileprivate(set) var values: [String: BoardValue]

    /// An integer setting (the schema guarantees its presence and range).
    func integer(_ key: String) -> Int {
        if case let .integer(value)? = values[key] { return value }
        return 0
    }

    /// A string setting.
    func string(_ key: String) -> String {
        if case let .string(value)? = values[key] { return value }
        return ""
    }

    /// A list setting.
    func list(_ key: String) -> [String] {
        if case let .list(value)? = values[key] { return value }
        return []
    }

    init(backend: String, line: Int?, values: [String: BoardValue]) {
        self.backend = backend
        self.line = line
        self.values = values
    }
}

/// A validated board: for each device role, the backend that serves it and its settings.
public struct BoardDescription: Sendable, Hashable {
    /// The board's name (`board:` key).
    public var name: String
    /// A sentence about the board.
    public var summary: String
    /// The file it came from.
    public var file: String
    /// Every role's configuration; roles a file leaves out are absent (not served).
    public var roles: [DeviceRole: RoleConfiguration]

    /// The role's configuration, if the board serves it.
    public func role(_ role: DeviceRole) -> RoleConfiguration? { roles[role] }

    /// Applies a `--port ROLE=PATH` override.
    ///
    /// Throws when the role is unknown, not on this board, or its backend has no port setting.
    public mutating func overridePort(_ assignment: String) throws(BoardError) {
        let origin = "<command line>"
        guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex,
              assignment.index(after: equals) != assignment.endIndex else {
            throw BoardError(file: origin, line: nil, reason: "--port expects ROLE=PATH, got '\(assignment)'")
        }
        let roleName = String(assignment[..<equals])
        let path = String(assignment[assignment.index(after: equals)...])
        guard let role = DeviceRole(rawValue: roleName) else {
            throw BoardError(file: origin, line: nil, reason: "--port: unknown role '\(roleName)' (roles: \(BoardLoader.roleNames))")
        }
        guard var configuration = roles[role] else {
            throw BoardError(file: origin, line: nil, reason: "--port: board '\(name)' has no \(roleName) role")
        }
        let specs = BoardSchema.backends[role]?[configuration.backend] ?? []
        guard let portKey = specs.first(where: { $0.key == "port" || $0.key == "path" })?.key else {
            throw BoardError(file: origin, line: nil,
                             reason: "--port: the \(configuration.backend) backend of role \(roleName) has no port to override")
        }
        configuration.values[portKey] = .string(path)
        roles[role] = configuration
    }
}
