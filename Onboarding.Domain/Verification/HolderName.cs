using System.Text;

namespace Onboarding.Domain.Verification;

/// <summary>
/// Whether a bank account's holder name is the profile's name. Banks print names in either
/// order, in any case, with or without spaces and punctuation ("SMITH ANNA", "Smith, Anna"), so both
/// orders are compared after reducing each to its letters and digits. A bank that prints a name in
/// Chinese characters prints the one the person gave as theirs ("王小明").
/// </summary>
public static class HolderName
{
    public static bool Matches(string holderName, string givenName, string familyName, string? chineseName = null)
    {
        string holder = Reduce(holderName);
        if (holder.Length == 0)
        {
            return false;
        }

        string given = Reduce(givenName);
        string family = Reduce(familyName);
        return holder == given + family || holder == family + given || (chineseName is not null && holder == Reduce(chineseName));
    }

    /// <summary>Compatibility-normalised (full-width → ASCII), case-folded, letters and digits only.</summary>
    static string Reduce(string name)
    {
        string folded = name.Normalize(NormalizationForm.FormKD);
        var kept = new StringBuilder(folded.Length);
        foreach (Rune rune in folded.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                kept.Append(Rune.ToUpperInvariant(rune).ToString());
            }
        }

        // Recompose so that decomposed and precomposed accents compare equal after marks were dropped.
        return kept.ToString().Normalize(NormalizationForm.FormC);
    }
}
