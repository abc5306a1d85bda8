/// The terminal's menus; the raw value is the menu's screen id.
enum MenuID: String, Sendable, Hashable, CaseIterable {
    /// The signed-in operator's home menu.
    case main = "menu.main"
    /// Configuration (admin).
    case config = "config.menu"
    /// Network settings, under configuration.
    case network = "config.network"
    /// Operator management (admin).
    case operators = "operators.menu"
}

/// What choosing a menu item does.
enum MenuAction: Sendable, Hashable {
    case changePassword
    case unlockOperator
    case open(MenuID)
    case signOut
    case addOperator
    case deleteOperator
    case resetPassword
    case listOperators
    case edit(ConfigField)
    case choose(ChoiceKind)
    case netTest
    case sale
}

/// One item of a menu: its label, the permission it needs, and what it does.
struct MenuItem: Sendable, Hashable {
    var label: LocalizedText
    var permission: Permission
    var action: MenuAction
}

extension MenuID {
    /// The menu's title.
    var title: LocalizedText {
        switch self {
        case .main: return Strings.mainMenu
        case .config: return Strings.configMenu
        case .network: return Strings.networkMenu
        case .operators: return Strings.operatorsMenu
        }
    }

    /// The menu where CANCEL leads, nil for the main menu.
    var parent: MenuID? {
        switch self {
        case .main: return nil
        case .config, .operators: return .main
        case .network: return .config
        }
    }

    /// The menu's items, in display order (item `n` is chosen with the number key `n`).
    var items: [MenuItem] {
        switch self {
        case .main:
            return [
                MenuItem(label: Strings.itemChangePassword, permission: .changeOwnPassword, action: .changePassword),
                MenuItem(label: Strings.itemUnlock, permission: .unlockOperator, action: .unlockOperator),
                MenuItem(label: Strings.operatorsMenu, permission: .manageOperators, action: .open(.operators)),
                MenuItem(label: Strings.configMenu, permission: .configure, action: .open(.config)),
                MenuItem(label: Strings.itemSignOut, permission: .signOut, action: .signOut),
                MenuItem(label: PaymentStrings.itemSale, permission: .sale, action: .sale),
            ]
        case .config:
            return [
                MenuItem(label: ConfigField.terminalID.label, permission: .configure, action: .edit(.terminalID)),
                MenuItem(label: ConfigField.merchantID.label, permission: .configure, action: .edit(.merchantID)),
                MenuItem(label: ConfigField.merchantName.label, permission: .configure, action: .edit(.merchantName)),
                MenuItem(label: ConfigField.hostAddress.label, permission: .configure, action: .edit(.hostAddress)),
                MenuItem(label: ConfigField.hostPort.label, permission: .configure, action: .edit(.hostPort)),
                MenuItem(label: Strings.networkMenu, permission: .configure, action: .open(.network)),
                MenuItem(label: Strings.itemLanguage, permission: .configure, action: .choose(.language)),
                MenuItem(label: ConfigField.limit.label, permission: .configure, action: .edit(.limit)),
                MenuItem(label: Strings.itemNetTest, permission: .configure, action: .netTest),
            ]
        case .network:
            return [
                MenuItem(label: Strings.itemDHCP, permission: .configure, action: .choose(.dhcp)),
                MenuItem(label: ConfigField.ipAddress.label, permission: .configure, action: .edit(.ipAddress)),
                MenuItem(label: ConfigField.netmask.label, permission: .configure, action: .edit(.netmask)),
                MenuItem(label: ConfigField.gateway.label, permission: .configure, action: .edit(.gateway)),
                MenuItem(label: ConfigField.dns.label, permission: .configure, action: .edit(.dns)),
                MenuItem(label: ConfigField.apn.label, permission: .configure, action: .edit(.apn)),
            ]
        case .operators:
            return [
                MenuItem(label: Strings.itemAddOperator, permission: .manageOperators, action: .addOperator),
                MenuItem(label: Strings.itemDeleteOperator, permission: .manageOperators, action: .deleteOperator),
                MenuItem(label: Strings.itemResetPassword, permission: .manageOperators, action: .resetPassword),
                MenuItem(label: Strings.itemListOperators, permission: .manageOperators, action: .listOperators),
            ]
        }
    }

    /// The menu screen with the cursor on the item doing `action` (on the first item if none does).
    func screen(at action: MenuAction) -> Screen {
        .menu(self, cursor: items.firstIndex(where: { $0.action == action }) ?? 0)
    }
}
