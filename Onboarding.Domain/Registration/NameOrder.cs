namespace Onboarding.Domain.Registration;

/// <summary>How a person writes their name: "Anna Smith" (given first) or "山田 太郎" (family first).</summary>
public enum NameOrder
{
    GivenFirst,
    FamilyFirst,
}
