// Abuse made visible: a metric alert when the SMS sent in an hour pass a threshold (SMS pumping
// shows as a burst of codes to premium numbers), e-mailed to whoever is on call. The app emits
// the metric onboarding.sms.sent (meter Onboarding) through Application Insights.

param applicationInsightsName string
param tags object

@description('Name of the alert rule.')
param alertName string

@minValue(1)
@description('SMS in one hour above which the alert fires.')
param smsPerHourThreshold int

@description('Who is e-mailed when it fires. Empty: the alert shows in the portal only.')
param alertEmails string[]

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource onCall 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmails)) {
  name: 'ag-${alertName}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'onb-abuse'
    enabled: true
    emailReceivers: [
      for (email, i) in alertEmails: {
        name: 'on-call-${i}'
        emailAddress: email
        useCommonAlertSchema: true
      }
    ]
  }
}

resource smsPerHour 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: alertName
  location: 'global'
  tags: tags
  properties: {
    description: 'More SMS in an hour than the threshold: look for SMS pumping (onboarding.abuse.refused and onboarding.sms.sent by country).'
    severity: 2
    enabled: true
    scopes: [
      applicationInsights.id
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'sms-sent'
          metricNamespace: 'azure.applicationinsights'
          metricName: 'onboarding.sms.sent'
          timeAggregation: 'Total'
          operator: 'GreaterThan'
          threshold: smsPerHourThreshold
          // The custom metric exists only once the app has sent its first SMS.
          skipMetricValidation: true
        }
      ]
    }
    autoMitigate: true
    actions: empty(alertEmails)
      ? []
      : [
          {
            actionGroupId: onCall.id
          }
        ]
  }
}
