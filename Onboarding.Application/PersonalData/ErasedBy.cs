namespace Onboarding.Application.PersonalData;

/// <summary>Who asked for a journey to be erased; its tombstone says so.</summary>
public enum ErasedBy
{
    Operator,
    User,

    /// <summary>The retention sweep: a KYC record whose retention period ended after the user asked for erasure.</summary>
    Retention,
}
