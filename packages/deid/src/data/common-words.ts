/**
 * Frequent English and nursing-note words (lower case) that never start or extend a name, even
 * after a cue such as "Dr." or "spoke with". Written by the Galen team.
 */
const COMMON = `
a about above after again against all also am an and any are around as at aware away back bad
be because been before being below between both but by call called came can cannot come could
day days did do does doing done down during each early either else even ever every few for from
further get given go going gone good got had has have having he her here hers herself him
himself his how i if in into is it its itself just know last late later least left less let
like made make many may me might more most much must my myself need needs new next night no nor
not now of off on once one only or other our out over own per please re right said same saw
say see seen she should since so some still such take than that the their them then there these
they this those though through to today tomorrow tonight too under until up upon us very via
was we well were what when where which while who whom why will with within without would yes
yesterday yet you your am pm noon midnight shift evening morning afternoon overnight week
month year years yr yrs old male female man woman pt patient pts patients family wife husband
son daughter mother father brother sister sisters brothers sons daughters friend friends
nurse nurses doctor doctors team resident residents attending fellow intern staff service
services social work worker case manager management med meds medical surgical surgery
notified informed updated update aware paged page paging called calls spoke speak speaking talk
talked discuss discussed meeting visit visited visiting visits in-to updated plan plans
note notes noted sent seen see following follow followed order orders ordered given give gave
report reported reports per via aware re: in at to by for with from and or of
unit floor bed room ward home hospital house rehab nursing facility center clinic office
transfer transferred admitted admit discharged discharge arrived arrival came come
am pm stat prn qd bid tid qid qh qhs hs ac pc po iv im sq sc sl pr ng
neg pos wnl nad nkda nka
notifed notifyed notfied recieved recieving recieve presnt pt's pts' wnl monday tuesday wednesday thursday friday saturday sunday
`;

export const COMMON_WORDS: readonly string[] = COMMON.split(/\s+/).filter(Boolean);
