package dev.qaimport.benchmarks.data;

import java.util.List;

/** Word lists the generator draws from; sized so that every question combination is unique. */
final class Vocabulary {
    private Vocabulary() {
    }

    static final List<String> ACTIONS = List.of(
            "reset", "change", "export", "delete", "update", "configure", "enable", "disable",
            "restore", "transfer", "download", "upload", "verify", "cancel", "renew", "share",
            "sync", "rename", "archive", "merge", "split", "migrate", "schedule", "limit",
            "track", "refund", "unlock", "secure", "back up", "connect");

    static final List<String> OBJECTS = List.of(
            "my password", "the billing address", "an invoice", "two-factor authentication",
            "the API key", "a shared folder", "my subscription", "the shipping label",
            "a team member", "the webhook secret", "my profile photo", "the data export",
            "a support ticket", "the payment method", "my email address", "the notification settings",
            "a custom domain", "the SSO configuration", "an order", "the mobile app",
            "the audit log", "a saved report", "the workspace", "the tax ID", "a gift card",
            "my phone number", "the return request", "a calendar invite", "the device list",
            "the backup schedule", "an API token", "the usage quota", "a product listing",
            "the delivery address", "a discount code", "the language setting", "my account",
            "the storage plan", "a recurring payment", "the access policy");

    static final List<String> PRODUCTS = List.of(
            "Nimbus Cloud", "Atlas CRM", "Orbit Mail", "Pylon Pay", "Quasar Drive", "Helix Shop",
            "Vector Desk", "Lumen Analytics", "Cobalt Router X200", "Zephyr Notes", "Ember POS",
            "Aurora Calendar", "Kestrel VPN", "Tundra Backup", "Mosaic Forms", "Nova Phone 12",
            "Granite ERP", "Sable Chat", "Willow HR", "Falcon Fleet", "Ridge Invoicing",
            "Coral Tickets", "Onyx Vault", "Prism Docs", "Summit LMS", "Harbor Logistics",
            "Beacon Alerts", "Cinder Builds", "Drift Sync", "Echo Voice", "Fable Books",
            "Glacier Archive", "Haven Home", "Iris Vision", "Jade Wallet", "Kite Travel",
            "Lattice Data", "Meadow Health", "Nexus Gateway", "Opal Rewards", "Pine Tasks",
            "Quill Editor", "Raven Monitor", "Slate Boards", "Tidal Stream", "Umber Print",
            "Vale Payroll", "Wren Surveys", "Xeno Labs", "Yarrow Garden");

    static final List<String> QUALIFIERS = List.of(
            "after the last update", "on Android", "on iOS", "from the admin console",
            "without losing data", "for the whole team", "in bulk", "from the web app",
            "when I am abroad", "before the trial ends", "on a shared computer", "via the API",
            "using the command line", "on the free plan", "on the enterprise plan",
            "for a former employee", "after a chargeback", "when the page shows an error",
            "in another currency", "for a sub-account", "without admin rights", "on Windows",
            "on macOS", "on Linux", "during maintenance", "while offline", "for a closed account",
            "with a hardware key", "after a password leak", "from a backup",
            "in a different time zone", "for more than one site", "with single sign-on",
            "using a CSV file", "at the end of the month", "for a guest user",
            "with a screen reader", "in the EU region", "in the US region", "in dark mode");

    static final List<String> QUESTION_TEMPLATES_EN = List.of(
            "How do I %a %o in %p %q?", "How can I %a %o in %p %q?", "Can I %a %o in %p %q?",
            "What happens if I %a %o in %p %q?", "Why can't I %a %o in %p %q?",
            "Is it possible to %a %o in %p %q?", "Where do I %a %o in %p %q?");

    /** Questions in other languages keep the product and qualifier so that combinations stay unique. */
    static final List<String> QUESTION_TEMPLATES_OTHER = List.of(
            "Wie kann ich in %p %o %a (%q)?", "Comment puis-je %a %o dans %p (%q) ?",
            "¿Cómo puedo %a %o en %p (%q)?", "Come posso %a %o in %p (%q)?",
            "%p で %o を %a するには？（%q）", "如何在 %p 中 %a %o（%q）？",
            "كيف يمكنني %a %o في %p (%q)؟", "Как %a %o в %p (%q)?", "%p에서 %o을(를) %a 하려면? (%q)",
            "Hoe kan ik %o %a in %p (%q)?", "Jak mogę %a %o w %p (%q)?");

    static final List<String> CATEGORIES = List.of(
            "Account", "Billing", "Shipping", "Returns", "Security", "API", "Integrations",
            "Mobile", "Privacy", "Orders", "Payments", "Notifications", "Team Management",
            "Data & Export", "Getting Started", "Troubleshooting", "Reports", "Storage",
            "Compliance", "Partners", "Hardware", "Subscriptions", "Accessibility",
            "Localization", "Performance");

    static final List<String> TAGS = List.of(
            "password", "login", "invoice", "refund", "sso", "2fa", "android", "ios", "web",
            "api", "webhook", "export", "import", "csv", "billing", "plan", "trial", "team",
            "admin", "privacy", "gdpr", "backup", "restore", "sync", "mobile", "email",
            "notifications", "shipping", "returns", "tax", "currency", "security", "audit",
            "storage", "quota", "performance", "accessibility", "dark-mode", "eu", "us");

    static final List<String> WORDS = List.of(
            "account", "settings", "page", "button", "option", "menu", "profile", "team",
            "workspace", "invoice", "payment", "order", "message", "screen", "link", "email",
            "device", "browser", "session", "report", "file", "folder", "record", "plan",
            "request", "change", "update", "access", "permission", "policy", "address",
            "confirmation", "code", "number", "time", "minutes", "hours", "days", "support",
            "administrator", "owner", "member", "history", "list", "field", "form", "status",
            "region", "data", "backup", "copy", "version", "app", "window", "tab", "section");

    static final List<String> OPENERS = List.of(
            "Open", "Go to", "Select", "Click", "Choose", "Sign in to", "Navigate to", "Find",
            "Check", "Review", "Confirm", "Enter", "Use", "Tap");

    static final List<String> CONNECTORS = List.of(
            "and then", "after that", "if needed", "once you are done", "before you continue",
            "so that", "unless", "while", "because", "which means");

    static final List<String> CLOSERS = List.of(
            "The change takes effect immediately.", "It can take up to 24 hours to appear.",
            "Contact support if the problem persists.", "You will receive a confirmation email.",
            "Only administrators can do this.", "This cannot be undone.",
            "Your existing data is not affected.", "The same steps work on every plan.",
            "Remember to save your changes.", "You can repeat this at any time.");

    static final List<String> FOREIGN_SNIPPETS = List.of(
            "Vielen Dank für Ihre Geduld.", "Merci de votre patience.", "Gracias por su paciencia.",
            "Grazie per la pazienza.", "ご不便をおかけして申し訳ありません。", "感谢您的耐心等待。",
            "شكراً لصبرك.", "Спасибо за терпение.", "기다려 주셔서 감사합니다.", "Dank u voor uw geduld.",
            "Dziękujemy za cierpliwość.", "Ευχαριστούμε για την υπομονή σας.", "धैर्य के लिए धन्यवाद।",
            "תודה על הסבלנות.", "Cảm ơn bạn đã kiên nhẫn.", "ขอบคุณสำหรับความอดทน");

    static final List<String> EMOJI = List.of("🙂", "✅", "⚠️", "🚀", "📦", "🔒", "💳", "👍", "❤️", "🇪🇺");

    static final List<String> HOSTILE = List.of(
            "<script>alert('x')</script>",
            "<img src=\"x.png\" onerror=\"alert(1)\">",
            "<iframe src=\"https://tracker.example.net/frame\"></iframe>",
            "<style>body{display:none}</style>",
            "<a href=\"javascript:alert(1)\">click here</a>",
            "<div onclick=\"steal()\">details</div>",
            "<object data=\"movie.swf\"></object>");
}
