import Testing
@testable import Terminal

@Suite struct PermissionTests {
    @Test func table() {
        let granted = Dictionary(uniqueKeysWithValues: Permission.allCases.map { permission in
            (permission, OperatorRole.allCases.filter { permission.isGranted(to: $0) })
        })
        #expect(granted[.signOut] == [.cashier, .supervisor, .admin])
        #expect(granted[.changeOwnPassword] == [.cashier, .supervisor, .admin])
        #expect(granted[.unlockOperator] == [.supervisor, .admin])
        #expect(granted[.manageOperators] == [.admin])
        #expect(granted[.configure] == [.admin])
        #expect(granted[.sale] == [.cashier, .supervisor, .admin])
    }

    @Test func everyMenuItemNeedsAPermissionMatchingItsMenu() {
        for menu in [MenuID.config, .network] {
            #expect(menu.items.allSatisfy { $0.permission == .configure })
        }
        #expect(MenuID.operators.items.allSatisfy { $0.permission == .manageOperators })
        #expect(MenuID.allCases.allSatisfy { (1...9).contains($0.items.count) })
    }
}
