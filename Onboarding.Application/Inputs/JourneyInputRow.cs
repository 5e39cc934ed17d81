using Onboarding.Application.Storage;

namespace Onboarding.Application.Inputs;

/// <summary>
/// An input with personal data, as the journey accepted it: written once, never changed. Table
/// <c>JourneyInputs</c>; PartitionKey = journey id, RowKey = <see cref="JourneyInputStore.ProfileKey"/> or
/// <see cref="JourneyInputStore.BankKey"/>(cycle). The birth date, passport number, bank account number and
/// holder name are sealed (<see cref="Security.FieldCipher"/>, as in the journey's row).
/// </summary>
public sealed class JourneyInputRow : TableRow
{
    /// <summary>The input's random id, which its event carries.</summary>
    public string InputId { get; set; } = "";

    /// <summary>The keyed HMAC of the input's id and content, which its event carries.</summary>
    public string Hash { get; set; } = "";

    public DateTimeOffset AcceptedAt { get; set; }

    // The profile.
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? ChineseName { get; set; }
    public string? NameOrder { get; set; }
    public string? Nationality { get; set; }
    public string? DateOfBirth { get; set; }
    public string? PassportNumber { get; set; }

    // A cycle's bank details.
    public string? BankName { get; set; }
    public string? BankAccountNumber { get; set; }
    public string? AccountHolderName { get; set; }

    /// <summary>On bank details: the person (<see cref="Security.PersonKey"/>) who asked for the cycle, whose claim on the account it holds.</summary>
    public string? PersonKey { get; set; }
}
