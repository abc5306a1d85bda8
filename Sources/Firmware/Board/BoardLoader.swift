import Foundation
import HAL
import Yams

/// Reads board files (YAML) into a validated `BoardDescription`, rejecting unknown roles,
/// backends and keys, and values of the wrong type, with the file, line and reason.
public enum BoardLoader {
    /// The role names a board file may use, for error messages.
    static let roleNames = DeviceRole.allCases.map(\.rawValue).joined(separator: ", ")

    /// Loads a board by path, or by name from the `boards/` folder next to the working directory
    /// (`mock` means `boards/mock.yaml`).
    public static func load(_ pathOrName: String, searchDirectories: [String] = BoardLoader.defaultSearchDirectories) throws(BoardError) -> BoardDescription {
        let path = resolve(pathOrName, in: searchDirectories)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BoardError(file: path, line: nil, reason: "cannot read the board file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw BoardError(file: path, line: nil, reason: "the board file is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Where board names are looked up: `./boards`, then `share/posterm/boards` beside the
    /// executable's folder (an installed posterm), then the `boards/` folder of the source tree
    /// this binary was built from (so `posterm run` works from any directory in a checkout).
    public static var defaultSearchDirectories: [String] {
        var directories = [FileManager.default.currentDirectoryPath + "/boards"]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            let prefix = executable.deletingLastPathComponent().deletingLastPathComponent()
            directories.append(prefix.appendingPathComponent("share/posterm/boards").path)
        }
        let sourceTree = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        directories.append(sourceTree.appendingPathComponent("boards").path)
        return directories
    }

    private static func resolve(_ pathOrName: String, in directories: [String]) -> String {
        if pathOrName.contains("/") || pathOrName.hasSuffix(".yaml") || pathOrName.hasSuffix(".yml") {
            return pathOrName
        }
        for directory in directories {
            let candidate = "\(directory)/\(pathOrName).yaml"
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return "boards/\(pathOrName).yaml"
    }

    /// Parses and validates board YAML text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(BoardError) -> BoardDescription {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw BoardError(file: file, line: nil, reason: "the board file is empty")
            }
            root = node
        } catch let error as BoardError {
            throw error
        } catch let error as YamlError {
            throw BoardError(file: file, line: yamlLine(error), reason: "not valid YAML: \(yamlProblem(error))")
        } catch {
            throw BoardError(file: file, line: nil, reason: "not valid YAML: \(error)")
        }
        guard let top = root.mapping else {
            throw BoardError(file: file, line: root.mark?.line, reason: "the board file must be a mapping with 'board' and 'roles'")
        }
        var name: String?
        var summary = ""
        var roles: [DeviceRole: RoleConfiguration] = [:]
        for (keyNode, valueNode) in top {
            let key = try scalarKey(keyNode, file: file)
            switch key {
            case "board":
                name = try string(valueNode, key: "board", file: file)
            case "description":
                summary = try string(valueNode, key: "description", file: file)
            case "roles":
                roles = try parseRoles(valueNode, file: file)
            default:
                throw BoardError(file: file, line: keyNode.mark?.line,
                                 reason: "unknown key '\(key)' (expected: board, description, roles)")
            }
        }
        guard let name else {
            throw BoardError(file: file, line: root.mark?.line, reason: "missing key 'board' (the board's name)")
        }
        guard !roles.isEmpty else {
            throw BoardError(file: file, line: root.mark?.line, reason: "missing key 'roles' (which backend serves each device role)")
        }
        return BoardDescription(name: name, summary: summary, file: file, roles: roles)
    }

    private static func parseRoles(_ node: Node, file: String) throws(BoardError) -> [DeviceRole: RoleConfiguration] {
        guard let mapping = node.mapping else {
            throw BoardError(file: file, line: node.mark?.line, reason: "'roles' must be a mapping from role to settings")
        }
        var roles: [DeviceRole: RoleConfiguration] = [:]
        for (keyNode, valueNode) in mapping {
            let roleName = try scalarKey(keyNode, file: file)
            guard let role = DeviceRole(rawValue: roleName) else {
                throw BoardError(file: file, line: keyNode.mark?.line,
                                 reason: "unknown role '\(roleName)' (roles: \(roleNames))")
            }
            roles[role] = try parseRole(role, valueNode, line: keyNode.mark?.line, file: file)
        }
        return roles
    }

    private static func parseRole(_ role: DeviceRole, _ node: Node, line: Int?, file: String) throws(BoardError) -> RoleConfiguration {
        guard let mapping = node.mapping else {
            throw BoardError(file: file, line: node.mark?.line ?? line, reason: "role '\(role.rawValue)' must be a mapping with a 'backend' key")
        }
        let available = BoardSchema.backends[role] ?? [:]
        var backend: String?
        for (keyNode, valueNode) in mapping where keyNode.string == "backend" {
            backend = try string(valueNode, key: "backend", file: file)
            guard available[backend ?? ""] != nil else {
                throw BoardError(file: file, line: valueNode.mark?.line,
                                 reason: "unknown backend '\(backend ?? "")' for role '\(role.rawValue)' (backends: \(available.keys.sorted().joined(separator: ", ")))")
            }
        }
        guard let backend, let specs = available[backend] else {
            throw BoardError(file: file, line: line, reason: "role '\(role.rawValue)' has no 'backend' key")
        }
        var values: [String: BoardValue] = [:]
        for spec in specs { values[spec.key] = spec.defaultValue }
        for (keyNode, valueNode) in mapping {
            let key = try scalarKey(keyNode, file: file)
            if BoardSchema.commonKeys.contains(key) { continue }
            guard let spec = specs.first(where: { $0.key == key }) else {
                let known = (BoardSchema.commonKeys + specs.map(\.key)).joined(separator: ", ")
                throw BoardError(file: file, line: keyNode.mark?.line,
                                 reason: "unknown key '\(key)' for the \(backend) backend of role '\(role.rawValue)' (keys: \(known))")
            }
            values[key] = try value(valueNode, spec: spec, role: role, file: file)
        }
        return RoleConfiguration(backend: backend, line: line, values: values)
    }

    private static func value(_ node: Node, spec: BoardSettingSpec, role: DeviceRole, file: String) throws(BoardError) -> BoardValue {
        let line = node.mark?.line
        let label = "'\(spec.key)' of role '\(role.rawValue)'"
        switch spec.type {
        case let .integer(range):
            guard let scalar = node.scalar, let number = Int(scalar.string) else {
                throw BoardError(file: file, line: line, reason: "\(label) must be an integer")
            }
            guard range.contains(number) else {
                throw BoardError(file: file, line: line, reason: "\(label) must be between \(range.lowerBound) and \(range.upperBound), got \(number)")
            }
            return .integer(number)
        case .string:
            let text = try string(node, key: spec.key, file: file)
            guard !text.isEmpty else { throw BoardError(file: file, line: line, reason: "\(label) must not be empty") }
            return .string(text)
        case let .choice(words):
            let text = try string(node, key: spec.key, file: file)
            guard words.contains(text) else {
                throw BoardError(file: file, line: line, reason: "\(label) must be one of \(words.joined(separator: ", ")), got '\(text)'")
            }
            return .string(text)
        case let .choices(words):
            guard let sequence = node.sequence, sequence.count > 0 else {
                throw BoardError(file: file, line: line, reason: "\(label) must be a non-empty list of \(words.joined(separator: ", "))")
            }
            var items: [String] = []
            for item in sequence {
                guard let text = item.scalar?.string, words.contains(text) else {
                    throw BoardError(file: file, line: item.mark?.line ?? line,
                                     reason: "\(label): each item must be one of \(words.joined(separator: ", "))")
                }
                items.append(text)
            }
            return .list(items)
        }
    }

    private static func scalarKey(_ node: Node, file: String) throws(BoardError) -> String {
        guard let key = node.scalar?.string else {
            throw BoardError(file: file, line: node.mark?.line, reason: "keys must be plain words")
        }
        return key
    }

    private static func string(_ node: Node, key: String, file: String) throws(BoardError) -> String {
        guard let scalar = node.scalar else {
            throw BoardError(file: file, line: node.mark?.line, reason: "'\(key)' must be a single value, not a list or mapping")
        }
        return scalar.string
    }

    private static func yamlLine(_ error: YamlError) -> Int? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return mark.line
        default:
            return nil
        }
    }

    private static func yamlProblem(_ error: YamlError) -> String {
        switch error {
        case let .scanner(_, problem, _, _), let .parser(_, problem, _, _), let .composer(_, problem, _, _):
            return problem
        case let .reader(problem, _, _, _):
            return problem
        default:
            return "\(error)"
        }
    }
}
