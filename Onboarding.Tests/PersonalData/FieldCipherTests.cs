using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Security;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.PersonalData;

/// <summary>Sealing a field: AES-GCM under the current key, bound to its field and row, opened by any configured key.</summary>
[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class FieldCipherTests
{
    static readonly string KeyA = NewKey();
    static readonly string KeyB = NewKey();

    [Fact]
    public void Seal_PassportNumber_OpensToItAndShowsNothingOfIt()
    {
        FieldCipher cipher = Cipher(KeyA);

        string sealedValue = cipher.Seal(PersonalField.PassportNumber, "journey-1", "X1234567")!;

        Assert.StartsWith(cipher.CurrentPrefix, sealedValue, StringComparison.Ordinal);
        Assert.DoesNotContain("X1234567", sealedValue, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("X1234567", cipher.Open(PersonalField.PassportNumber, "journey-1", sealedValue));
        Assert.NotEqual(sealedValue, cipher.Seal(PersonalField.PassportNumber, "journey-1", "X1234567")); // a fresh nonce each time
    }

    [Fact]
    public void Open_SealedValueMovedToAnotherRowOrField_Refused()
    {
        FieldCipher cipher = Cipher(KeyA);
        string sealedValue = cipher.Seal(PersonalField.PassportNumber, "journey-1", "X1234567")!;

        Assert.ThrowsAny<CryptographicException>(() => cipher.Open(PersonalField.PassportNumber, "journey-2", sealedValue));
        Assert.ThrowsAny<CryptographicException>(() => cipher.Open(PersonalField.BankAccountNumber, "journey-1", sealedValue));
    }

    [Fact]
    public void Open_ValueTheEarlierBuildStoredInPlainText_ReadAsItIsAndNotCurrent()
    {
        FieldCipher cipher = Cipher(KeyA);

        Assert.Equal("1990-01-31", cipher.Open(PersonalField.DateOfBirth, "journey-1", "1990-01-31"));
        Assert.False(cipher.IsCurrent("1990-01-31"));
        Assert.True(cipher.IsCurrent(null));
        Assert.Null(cipher.Seal(PersonalField.DateOfBirth, "journey-1", null));
    }

    [Fact]
    public void Rotation_NewKeyWithTheOldAsPrevious_OpensBothResealsToTheNewAndTheNewAloneOpensIt()
    {
        FieldCipher before = Cipher(KeyA);
        FieldCipher during = Cipher(KeyB, previous: KeyA);
        FieldCipher after = Cipher(KeyB);
        string underA = before.Seal(PersonalField.AccountHolderName, "journey-1", "SMITH ANNA")!;

        string underB = during.Reseal(PersonalField.AccountHolderName, "journey-1", underA)!;

        Assert.Equal("SMITH ANNA", during.Open(PersonalField.AccountHolderName, "journey-1", underA));
        Assert.NotEqual(before.CurrentPrefix, during.CurrentPrefix);
        Assert.StartsWith(during.CurrentPrefix, underB, StringComparison.Ordinal);
        Assert.True(during.IsCurrent(underB));
        Assert.Equal(underB, during.Reseal(PersonalField.AccountHolderName, "journey-1", underB));
        Assert.Equal("SMITH ANNA", after.Open(PersonalField.AccountHolderName, "journey-1", underB));
        Assert.ThrowsAny<CryptographicException>(() => after.Open(PersonalField.AccountHolderName, "journey-1", underA)); // the old key is gone
    }

    [Fact]
    public void Open_AlteredValue_Refused()
    {
        FieldCipher cipher = Cipher(KeyA);
        string sealedValue = cipher.Seal(PersonalField.BankAccountNumber, "journey-1", "6217000010001234321")!;
        int inTheMiddle = cipher.CurrentPrefix.Length + 20;
        string altered = sealedValue[..inTheMiddle] + (sealedValue[inTheMiddle] == 'A' ? 'B' : 'A') + sealedValue[(inTheMiddle + 1)..];

        Assert.ThrowsAny<CryptographicException>(() => cipher.Open(PersonalField.BankAccountNumber, "journey-1", altered));
    }

    [Fact]
    public void Validate_FieldKeyNot32Bytes_Refused()
    {
        var options = new OnboardingOptions
        {
            HmacKey = NewKey(),
            LookupKey = NewKey(),
            FieldKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)),
        };

        Assert.Contains(options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)), result => result.MemberNames.Contains(nameof(OnboardingOptions.FieldKey)));
    }

    static FieldCipher Cipher(string key, string? previous = null) =>
        new(Options.Create(new OnboardingOptions { FieldKey = key, PreviousFieldKey = previous }));

    static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
