/** The i18next namespace the classroom app registers this activity's strings under. */
export const NAMESPACE = 'activity.cooperation';
