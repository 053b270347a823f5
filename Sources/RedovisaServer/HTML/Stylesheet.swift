/// The one stylesheet of the pages, served at `/static/redovisa.css`.
///
/// Kept as a Swift string rather than a bundle resource: the `redovisa` binary then serves it
/// wherever it is copied, with no resource folder to find. Colours meet WCAG 2.1 AA on their
/// backgrounds (text at least 4.5:1: #1b1b1b on white 17:1, #0b5394 links 7.4:1, white on
/// #0b5394 7.4:1, #8a1c1c errors 8.6:1); focus is a 3 px outline that is never removed.
public enum Stylesheet {
    /// The path the layout links to.
    public static let path = "/static/redovisa.css"

    /// The CSS text.
    public static let css = """
        :root { --ink: #1b1b1b; --muted: #4a4a4a; --brand: #0b5394; --line: #767676; --soft: #f2f4f7;
          --error: #8a1c1c; --ok: #1d5e2a; --warn: #6b4a00; }
        * { box-sizing: border-box; }
        body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 1.0625rem;
          line-height: 1.5; color: var(--ink); background: #fff; }
        a { color: var(--brand); }
        a:hover { text-decoration-thickness: 2px; }
        :focus-visible { outline: 3px solid #e07b00; outline-offset: 2px; }
        .skip { position: absolute; left: -9999px; top: 0; }
        .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem 1rem; z-index: 10; }
        header.site { background: var(--brand); color: #fff; }
        header.site .inner, main, footer.site .inner { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
        header.site .inner { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem 2rem; padding-block: .75rem; }
        header.site a { color: #fff; }
        header.site .brand { font-weight: 700; font-size: 1.25rem; text-decoration: none; }
        header.site nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; margin: 0; padding: 0; }
        header.site .who { margin-left: auto; display: flex; align-items: center; gap: 1rem; }
        header.site form button { background: #fff; color: var(--brand); border-color: #fff; }
        main { padding-block: 1.5rem 3rem; }
        footer.site { border-top: 1px solid var(--line); color: var(--muted); font-size: .9375rem; }
        h1 { font-size: 1.875rem; line-height: 1.2; margin: .5rem 0 1rem; }
        h2 { font-size: 1.375rem; margin: 2rem 0 .75rem; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
        caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
        th, td { text-align: left; padding: .5rem .75rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: var(--soft); }
        label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
        input, select, textarea { font: inherit; color: var(--ink); border: 2px solid var(--line); border-radius: 4px;
          padding: .375rem .5rem; background: #fff; }
        textarea { width: 100%; max-width: 40rem; min-height: 6rem; }
        button, .button { font: inherit; font-weight: 600; display: inline-block; cursor: pointer; padding: .5rem 1rem;
          border-radius: 4px; border: 2px solid var(--brand); background: var(--brand); color: #fff; text-decoration: none; }
        button.secondary { background: #fff; color: var(--brand); }
        .filters { display: flex; flex-wrap: wrap; gap: 0 1.5rem; align-items: flex-end; margin-bottom: 1rem; }
        .filters button { margin-top: 1rem; }
        .actions { display: flex; flex-wrap: wrap; gap: 2rem; margin-top: 1.5rem; }
        .actions form { flex: 1 1 18rem; }
        .status { display: inline-block; padding: 0 .5rem; border-radius: 1rem; border: 1px solid currentColor; font-size: .9375rem; }
        .status-draft, .status-withdrawn { color: var(--muted); }
        .status-submitted, .status-resubmitted { color: var(--brand); }
        .status-returned { color: var(--warn); }
        .status-approved { color: var(--ok); }
        .notice { border-left: 6px solid var(--brand); background: var(--soft); padding: .75rem 1rem; margin: 1rem 0; }
        .error-summary { border: 3px solid var(--error); padding: .75rem 1rem; margin: 1rem 0; }
        .error-summary h2 { margin-top: 0; color: var(--error); font-size: 1.125rem; }
        .field-error { color: var(--error); font-weight: 600; margin: .25rem 0; }
        .comment { border-left: 6px solid var(--warn); background: #fff8e6; padding: .5rem 1rem; margin: .5rem 0; }
        dl.answers { display: grid; grid-template-columns: minmax(10rem, 18rem) 1fr; gap: .25rem 1rem; }
        dl.answers dt { font-weight: 600; }
        dl.answers dd { margin: 0; }
        .tabs { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; padding: 0; margin: 0 0 1rem; }
        .tabs a { display: inline-block; padding: .375rem .75rem; border: 2px solid var(--brand); border-radius: 4px; }
        .tabs a[aria-current="page"] { background: var(--brand); color: #fff; }
        .logins { list-style: none; padding: 0; display: grid; gap: .5rem; }
        .logins button { min-width: 16rem; text-align: left; }
        .chart { max-width: 40rem; }
        .chart text { font-size: 14px; fill: #1b1b1b; }
        .chart .bar { fill: #0b5394; }
        .chart .axis { stroke: #767676; }
        .muted { color: var(--muted); }
        @media print { header.site, footer.site, .skip, .actions, nav { display: none; } a { color: inherit; } }
        """
}
