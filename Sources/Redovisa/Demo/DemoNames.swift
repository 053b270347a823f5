/// The words the demo is made of: common first and last names in Sweden (with å, ä and ö, and
/// the names that are common among people who have recently come to Sweden), districts, places
/// and the phrases staff and reporters write. Nothing here names a real person or company.
enum DemoNames {
    static let swedishWomen = [
        "Anna", "Eva", "Maria", "Karin", "Sara", "Kristina", "Lena", "Emma", "Kerstin", "Ingrid", "Marie", "Malin",
        "Jenny", "Hanna", "Linnéa", "Elin", "Ida", "Julia", "Sofia", "Annika", "Åsa", "Märta", "Ebba", "Elsa",
        "Alice", "Maja", "Wilma", "Astrid", "Saga", "Agnes", "Birgitta", "Margareta", "Frida", "Klara", "Tove",
        "Lovisa", "Signe", "Matilda", "Josefin", "Sandra", "Camilla", "Helena", "Ulrika", "Gunilla", "Ylva", "Tyra",
        "Stina", "Britt-Marie", "Solveig", "Ronja",
    ]

    static let swedishMen = [
        "Lars", "Mikael", "Anders", "Johan", "Erik", "Per", "Karl", "Peter", "Jan", "Thomas", "Daniel", "Fredrik",
        "Hans", "Andreas", "Stefan", "Magnus", "Mats", "Oskar", "Axel", "Viktor", "Gustav", "Linus", "Jonas", "Emil",
        "Filip", "Björn", "Göran", "Åke", "Örjan", "Pär", "Måns", "Nils", "Olof", "Sven", "Hugo", "Elias", "Lukas",
        "Albin", "Anton", "Tobias", "Joakim", "Kjell", "Leif", "Bengt", "Ove", "Rasmus", "Håkan", "Torbjörn",
        "Jöns", "Sören",
    ]

    static let newcomerWomen = [
        "Fatima", "Amina", "Noor", "Leila", "Yasmin", "Hiba", "Mariam", "Zahra", "Sahra", "Ayan", "Fiori", "Selam",
        "Rahel", "Nour", "Hodan", "Shirin", "Parisa", "Roya", "Olena", "Iryna", "Kateryna", "Aisha", "Samira",
        "Dilan", "Hawa", "Nasra", "Semhar", "Luwam",
    ]

    static let newcomerMen = [
        "Mohammed", "Ali", "Ahmed", "Hassan", "Omar", "Yusuf", "Abdi", "Mustafa", "Ibrahim", "Karim", "Samir",
        "Dawit", "Yonas", "Tesfay", "Amanuel", "Mehdi", "Reza", "Hamid", "Bilal", "Khalid", "Abdullahi", "Mahmoud",
        "Oleksandr", "Dmytro", "Andrii", "Tariq", "Jamal", "Kidane",
    ]

    static let swedishLastNames = [
        "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
        "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson", "Lindberg", "Jakobsson",
        "Magnusson", "Olofsson", "Lindström", "Lindqvist", "Lindgren", "Berg", "Axelsson", "Bergström", "Lundberg",
        "Lundgren", "Lundqvist", "Mattsson", "Berglund", "Fredriksson", "Sandberg", "Henriksson", "Forsberg",
        "Sjöberg", "Wallin", "Engström", "Eklund", "Danielsson", "Lundin", "Håkansson", "Björk", "Bergman",
        "Gunnarsson", "Holm", "Wikström", "Samuelsson", "Isaksson", "Fransson", "Bergqvist", "Nyström", "Holmberg",
        "Arvidsson", "Löfgren", "Söderberg", "Nyberg", "Blomqvist", "Claesson", "Nordström", "Mårtensson",
        "Lundström", "Viklund", "Björklund", "Eliasson", "Pålsson", "Berggren", "Sandström", "Nordin", "Ström",
        "Åberg", "Hermansson", "Ekström", "Falk", "Holmgren", "Dahlberg", "Hellström", "Hedlund", "Sundberg",
        "Sjögren", "Blom", "Abrahamsson", "Martinsson", "Öberg", "Andreasson", "Strömberg", "Månsson", "Åkesson",
        "Norberg", "Lindholm", "Dahl", "Jonasson", "Åström", "Östlund", "Öhman", "Söderström", "Ågren", "Önnestam",
    ]

    static let newcomerLastNames = [
        "Mohamed", "Ali", "Ahmed", "Hassan", "Hussein", "Abdi", "Ibrahim", "Yusuf", "Omar", "Osman", "Haddad",
        "Khalil", "Rahimi", "Ahmadi", "Hosseini", "Mohammadi", "Karimi", "Tesfaye", "Haile", "Gebremedhin",
        "Berhane", "Kovalenko", "Shevchenko", "Bondarenko", "Nuur", "Warsame", "Jama", "Farah", "Rashid", "Nazari",
        "Sultani", "Al-Amin",
    ]

    /// Districts of Nacka and the office that serves them.
    static let nackaNorth = ["Orminge", "Boo", "Björknäs", "Kummelnäs", "Lännersta", "Saltsjö-Boo", "Insjön"]
    static let nackaSouth = ["Fisksätra", "Saltsjöbaden", "Älta", "Sickla", "Järla", "Nacka strand", "Jarlaberg"]

    /// Workplaces for applications, placements and interviews: kinds of business in a place.
    static let workplaces = [
        "Matbutik i Orminge centrum", "Lager i Jordbro", "Städföretag i Nacka", "Restaurang i Sickla",
        "Hemtjänsten i Nacka", "Förskola i Fisksätra", "Bageri i Saltsjöbaden", "Hotell i Nacka strand",
        "Bilverkstad i Älta", "Vårdboende i Boo", "Byggföretag i Kungens kurva", "Kafé vid Nacka Forum",
        "Skola i Järla", "Flyttfirma i Björknäs", "Tvätteri i Hammarby sjöstad",
    ]

    static let occupations = [
        "butiksmedarbetare", "lagerarbetare", "lokalvårdare", "restaurangbiträde", "undersköterska", "barnskötare",
        "bagare", "receptionist", "fordonstekniker", "vårdbiträde", "byggarbetare", "kafébiträde", "elevassistent",
        "flyttarbetare", "tvätteriarbetare",
    ]

    static let courses = [
        "Truckutbildning A+B", "Lokalvård, yrkesutbildning", "Undersköterskeutbildning på Komvux",
        "Barnskötarutbildning på Komvux", "Svenska för yrkeslivet", "Lagerlogistik, arbetsmarknadsutbildning",
        "Restaurang och storkök, arbetsmarknadsutbildning",
    ]

    /// What a contact person and the person they support did together (LSS).
    static let lssActivities = [
        "Bio och fika på Lilla Marie.", "Promenad i Nyckelviken och fika.", "Bowling i Nacka strand.",
        "Handlade kläder i Nacka Forum.", "Lagade mat tillsammans hemma.", "Besökte Tekniska museet.",
        "Gick på innebandymatch.", "Simmade i Näckenbadet.", "Spelade brädspel och fikade.",
        "Konsert på Dieselverkstaden.", "Åkte båt till Djurgården och besökte Skansen.",
        "Biblioteket i Orminge och fika.", "Minigolf i Saltsjöbaden.", "Grillade korv i Velamsund.",
    ]

    static let lssReasons = [
        "Personen var sjuk i två veckor.", "Jag var bortrest en vecka.",
        "Vi fick ställa in på grund av personens läkarbesök.", "Personen orkade inte träffas den här månaden.",
        "Personen var på läger med boendet.", "Jag var sjuk en vecka.",
    ]

    static let lssClarifications = [
        "Vi tar igen ett tillfälle i nästa månad.", "Personen önskar fler utomhusaktiviteter.",
        "Vi har bytt fast dag till tisdagar.", "Ett tillfälle blev kortare än vanligt.",
    ]

    /// An officer's comment when returning a report for completion, per template.
    static let returnComments: [String: [String]] = [
        "af-aktivitetsrapport": [
            "Du har inte angett vilka jobb du har sökt. Komplettera rapporten.",
            "Ange datum för arbetspraktiken.",
            "Sfi-timmarna saknas för en vecka. Komplettera med alla veckor.",
        ],
        "lss-kontaktperson": [
            "Ange vilka aktiviteter ni har gjort tillsammans.",
            "Beskriv varför alla tillfällen inte blev av.",
            "Kontrollera månaden, den stämmer inte med överenskommelsen.",
        ],
        "nacka-manadsrapport": [
            "Frånvaron saknar orsak. Komplettera med datum och orsak.",
            "Progression mot delmålen saknas. Beskriv kundens framsteg.",
            "Rubriken Behov av annan insats saknar motivering till Ej aktuellt.",
        ],
        "rom-periodisk-rapport": [
            "En planerad aktivitet saknar timmar. Ange 0 timmar om den inte genomfördes.",
            "Timmarna stämmer inte med den gemensamma planeringen. Kontrollera.",
        ],
        "nacka-slutrapport": [
            "Lämpligt nästa steg saknas. Komplettera slutrapporten.",
        ],
    ]

    static let approvalComments = ["Godkänd.", "Tack, godkänd för utbetalning.", "Godkänd, bra rapport."]

    /// Fictional mobile numbers: the Swedish Post and Telecom Authority (PTS) keeps
    /// 070-174 06 05 to 070-174 06 99 for use in fiction, so no real phone ever gets a demo SMS.
    static func mobile(_ index: Int) -> String {
        "070-17406" + String(5 + index % 95).leftPadded(to: 2)
    }

    /// The name in lower-case ASCII for an e-mail address: "Linnéa Öberg" → "linnea.oberg".
    static func mailbox(_ first: String, _ last: String) -> String {
        func fold(_ text: String) -> String {
            let map: [Character: String] = ["å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", " ": "", "-": ""]
            return text.lowercased().map { map[$0] ?? String($0) }.joined()
        }
        return fold(first) + "." + fold(last)
    }
}

extension String {
    /// The text with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
