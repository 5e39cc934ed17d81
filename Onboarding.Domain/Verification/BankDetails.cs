using System.Text;
using Onboarding.Domain.Validation;

namespace Onboarding.Domain.Verification;

/// <summary>The account the deposits go to, as the user gives it for verification. Personal data.</summary>
public sealed record BankDetails(string BankName, BankAccountNumber AccountNumber, string HolderName)
{
    /// <summary>The identity type this verification is for: foreign residents.</summary>
    public const string ForeignerIdentity = "foreigner";

    const int MaxBankNameLength = 100;
    const int MaxHolderNameLength = 200;

    /// <summary>Validates the raw fields of a verification request; null, with the field errors added, when any is not valid.</summary>
    public static BankDetails? TryCreate(string? identityType, string? bankName, string? accountNumber, string? holderName, ValidationErrors errors)
    {
        if (identityType != ForeignerIdentity)
        {
            errors.Add("identityType", $"Must be \"{ForeignerIdentity}\": this verification is for foreign residents.");
        }

        string? bank = TextRules.FreeText(bankName, "bankName", "The bank's name", MaxBankNameLength, errors);

        if (!BankAccountNumber.TryParse(accountNumber, out BankAccountNumber? number, out string? accountError))
        {
            errors.Add("bankAccountNumber", accountError!);
        }

        string? holder = TextRules.FreeText(holderName, "accountHolderName", "The account holder's name", MaxHolderNameLength, errors);
        if (holder is not null && !holder.EnumerateRunes().Any(Rune.IsLetter))
        {
            errors.Add("accountHolderName", "Must contain a letter.");
            holder = null;
        }

        return identityType != ForeignerIdentity || bank is null || number is null || holder is null ? null : new BankDetails(bank, number, holder);
    }

    /// <summary>Whether the holder name is the profile's name (in either order, or its name in Chinese characters: <see cref="Verification.HolderName"/>).</summary>
    public bool HeldBy(Registration.Profile profile) => Verification.HolderName.Matches(HolderName, profile.GivenName, profile.FamilyName, profile.ChineseName);
}
