using System.Globalization;
using System.Text;

namespace Onboarding.Domain.Verification;

/// <summary>
/// How the bank a person names is written where operators read it (the audit trail): a bank of the
/// list below by its name, any other as its first letter and <c>***</c> — the field is free text, and
/// whatever else someone writes into it (an account number, a name, a birth date) must not be copied
/// into records kept for longer than the person's own data.
/// </summary>
public static class BankNames
{
    /// <summary>The banks foreign residents of China mostly hold accounts with: the name shown, and other ways to write it.</summary>
    static readonly (string Name, string[] Also)[] Known =
    [
        ("Bank of China", ["中国银行", "BOC"]),
        ("Industrial and Commercial Bank of China", ["中国工商银行", "工商银行", "ICBC"]),
        ("China Construction Bank", ["中国建设银行", "建设银行", "CCB"]),
        ("Agricultural Bank of China", ["中国农业银行", "农业银行", "ABC"]),
        ("Bank of Communications", ["交通银行", "BOCOM"]),
        ("China Merchants Bank", ["招商银行", "CMB"]),
        ("Postal Savings Bank of China", ["中国邮政储蓄银行", "邮储银行", "PSBC"]),
        ("China CITIC Bank", ["中信银行", "CITIC Bank"]),
        ("China Everbright Bank", ["中国光大银行", "光大银行"]),
        ("Industrial Bank", ["兴业银行"]),
        ("Shanghai Pudong Development Bank", ["上海浦东发展银行", "浦发银行", "SPD Bank"]),
        ("China Minsheng Bank", ["中国民生银行", "民生银行"]),
        ("Ping An Bank", ["平安银行"]),
        ("Hua Xia Bank", ["华夏银行"]),
        ("China Guangfa Bank", ["广发银行"]),
        ("Bank of Beijing", ["北京银行"]),
        ("Bank of Shanghai", ["上海银行"]),
        ("HSBC China", ["汇丰银行", "HSBC"]),
        ("Standard Chartered China", ["渣打银行", "Standard Chartered"]),
        ("Citibank China", ["花旗银行", "Citibank"]),
    ];

    static readonly Dictionary<string, string> ByKey = Known
        .SelectMany(bank => bank.Also.Append(bank.Name).Select(name => (Key: KeyOf(name), bank.Name)))
        .ToDictionary(entry => entry.Key, entry => entry.Name, StringComparer.Ordinal);

    /// <summary>The name of a known bank, or the first letter of what was written and <c>***</c>.</summary>
    public static string Shown(string bankName) =>
        ByKey.TryGetValue(KeyOf(bankName), out string? known) ? known
        : bankName.Length == 0 ? "***"
        : new StringInfo(bankName.Trim()).SubstringByTextElements(0, 1) + "***";

    /// <summary>Letters and digits only, case folded: "Bank of China", "BANK OF CHINA" and "bank-of-china" are one bank.</summary>
    static string KeyOf(string name)
    {
        var key = new StringBuilder(name.Length);
        foreach (char c in name.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                key.Append(char.ToLowerInvariant(c));
            }
        }

        return key.ToString();
    }
}
