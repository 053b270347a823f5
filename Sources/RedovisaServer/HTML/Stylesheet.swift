/// The one stylesheet of the pages, served at `/static/redovisa.css`.
///
/// Kept as a Swift string rather than a bundle resource: the `redovisa` binary then serves it
/// wherever it is copied, with no resource folder to find. Colours meet WCAG 2.1 AA on their
/// backgrounds (text at least 4.5:1: #1b1b1b on white 17:1, #0b5394 links 7.4:1, white on
/// #0b5394 7.4:1, #8a1c1c errors 8.6:1, #6b4a00 warnings 8.0:1, #1d5e2a the receipt 7.8:1, #4a4a4a
/// muted text 8.8:1); focus is a 3 px outline that is never removed. The print rules leave a
/// receipt with the site's header, navigation and buttons out.
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
        [hidden] { display: none !important; }
        .visually-hidden, .default-action { position: absolute !important; width: 1px; height: 1px; margin: -1px;
          padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
        .caption { color: var(--muted); font-size: 1.125rem; margin: 1rem 0 0; }
        .hint { color: var(--muted); margin: 0 0 .5rem; }
        fieldset { border: 0; padding: 0; margin: 0; min-width: 0; }
        legend { font-weight: 600; padding: 0; margin: 1rem 0 .25rem; }
        .field { margin: 0 0 1.5rem; max-width: 44rem; }
        .field > label, .field > legend, .field > .label { margin-top: 0; font-weight: 600; }
        .field .label { font-weight: 600; margin: 0 0 .25rem; }
        .field-invalid { border-left: 5px solid var(--error); padding-left: .875rem; }
        .field-invalid input, .field-invalid textarea { border-color: var(--error); }
        .field-warning { color: var(--warn); font-weight: 600; margin: .25rem 0; }
        .required { color: var(--error); }
        .option { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 0 .5rem; margin: .5rem 0; }
        .option input { width: 1.5rem; height: 1.5rem; margin: .125rem 0 0; flex: none; }
        .option label { font-weight: 400; margin: 0; flex: 1 1 20rem; }
        .option .hint { flex-basis: 100%; padding-left: 2rem; }
        .input-short { width: 8rem; } .input-medium { width: 14rem; } .input-date { width: 11rem; }
        .input-long { width: 100%; max-width: 30rem; }
        .date-range { display: flex; flex-wrap: wrap; gap: 0 1.5rem; }
        .date-range label { font-weight: 400; margin-top: 0; }
        .group { border-left: 4px solid var(--line); padding-left: 1rem; }
        .group .row { border: 1px solid var(--line); border-radius: 4px; padding: 0 1rem .5rem; margin: .75rem 0; }
        .not-applicable { margin-top: .75rem; }
        .not-applicable label { font-weight: 400; }
        .info { background: var(--soft); padding: .5rem 1rem; }
        .form-buttons { display: flex; flex-wrap: wrap; gap: 1rem; margin: 2rem 0 1rem; }
        nav ol.steps { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; padding: 0; margin: 0 0 1rem; }
        ol.steps li { color: var(--muted); padding-bottom: .25rem; }
        ol.steps li.current { color: var(--ink); font-weight: 700; border-bottom: 4px solid var(--brand); }
        ol.steps li.done { color: var(--ink); }
        .step-number { display: inline-block; min-width: 1.75rem; line-height: 1.5rem; text-align: center;
          border: 2px solid currentColor; border-radius: 1rem; margin-right: .25rem; }
        table.summary td:last-child { text-align: right; white-space: nowrap; }
        .report-links { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
        .receipt { border: 3px solid var(--ok); padding: 0 1.25rem 1rem; margin: 1rem 0; max-width: 44rem; }
        .receipt h1 { color: var(--ok); }
        .case-number { font-weight: 700; font-size: 1.25rem; }
        @media print { header.site, footer.site, .skip, .actions, nav, .no-print, button { display: none !important; }
          a { color: inherit; } body { font-size: 12pt; } main { padding: 0; }
          .receipt { border: 2px solid #000; } .receipt h1 { color: #000; } }
        """
}
