/// A host the mock link can reach in-process: the embedded acquirer host simulator implements
/// it, tests implement small ones.
public protocol MockHostServer: Sendable {
    /// Takes over a newly opened connection. Called once per connection, right after the
    /// terminal has been told `.link(.connected)`; register `onReceive` and `onClose` here.
    func accept(_ connection: MockHostConnection)
}
