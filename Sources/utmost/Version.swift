/// utmost's version, as `utmost --version` prints it: the one place it is written, a
/// constant in the source because a clone need not carry the tags a `git describe`
/// reads. Raise it with each release.
enum Version {
    static let current = "0.6.0"
}
