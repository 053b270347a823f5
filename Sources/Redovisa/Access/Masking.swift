extension Person {
    /// The person as `actor` may see them: a protected identity seen by someone without the
    /// permission (other than the person themself) shows no name, personnummer, address or
    /// contact details.
    public func view(for actor: Actor) -> PersonView {
        let masked = isProtected && !actor.mayViewProtected && (id == nil || actor.user?.personId != id)
        return PersonView(
            id: id ?? 0,
            personnummer: masked ? PersonView.maskedPersonnummer : personnummer.formatted,
            firstName: masked ? PersonView.maskedName : firstName,
            lastName: masked ? "" : lastName,
            municipality: masked ? nil : municipality,
            district: masked ? nil : district,
            email: masked ? nil : email,
            mobile: masked ? nil : mobile,
            notify: notify.sorted { $0.rawValue < $1.rawValue },
            isProtected: isProtected,
            isMasked: masked)
    }
}
