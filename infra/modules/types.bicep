// Types shared by the template and its modules.

@export()
@description('''
The journey's windows and limits, one property per Journey__<Name> app setting (the same names as
Onboarding.Application.Configuration.JourneyOptions). Durations are .NET TimeSpans: [d.]hh:mm:ss.
A running journey keeps the policy it started with; changes apply to journeys started afterwards.
''')
type journeySettings = {
  @description('How long a phone code can be entered.')
  PhoneCodeValidity: string

  @description('How long an e-mail confirmation link works.')
  EmailLinkValidity: string

  @description('How long the user has to enter the profile and request verification.')
  ProfileWindow: string

  @description('How long the user has to enter the deposited amounts, per verification cycle.')
  DepositWindow: string

  @description('How long before the deposit deadline the reminder goes out.')
  DepositReminderBefore: string

  @minValue(1)
  MaxCodeAttempts: int

  @minValue(0)
  MaxResends: int

  @minValue(1)
  MaxDepositAttempts: int

  @minValue(1)
  MaxVerificationCycles: int

  @minValue(1)
  @maxValue(5)
  DepositCount: int

  @description('How long one connection of a journey\'s event stream lasts before the client reconnects.')
  EventStreamLifetime: string
}

@export()
@description('''
How long each kind of personal data is kept, one property per Retention__<Name> app setting (the same
names as Onboarding.Application.Configuration.RetentionOptions; README "Personal data"). .NET TimeSpans.
''')
type retentionSettings = {
  @description('How long the orchestration history of a finished journey is kept.')
  FinishedJourneyHistory: string

  @description('How long a journey may wait in registered or locked without a change before it is ended.')
  InactiveJourney: string

  @description('How long before an inactive journey is ended its user is told.')
  InactiveJourneyNotice: string

  @description('How long the KYC record of a verified account is kept after the user asked for erasure.')
  VerifiedAccount: string
}

@export()
@description('Instances kept running for a per-function scale group of the Flex Consumption plan (e.g. durable, http).')
type alwaysReadyGroup = {
  @description('The scale group: durable (orchestrators and activities), http, or function:<name>.')
  name: string

  @minValue(1)
  instanceCount: int
}
