/**
 * Built-in name dictionaries: common US given names and surnames, written by the Galen team from
 * general knowledge of frequent American names (the kind of names that top the US Census Bureau's
 * 2010 surname table and the SSA baby-name tables, which are public domain). They are a seed: load
 * the full public-domain lists with `galen deid import-names` (see `imported-names.ts`).
 *
 * Entries are lower case. Names that are also ordinary English or clinical words live in
 * `AMBIGUOUS_NAMES` and need a context cue before they count.
 */
const FIRST = `
aaron abigail adam adrian agnes alan albert alberto alex alexander alexandra alfred alice alicia
allen allison alma alvin amanda amber amy ana andre andrea andrew angela angelo anita ann anna
anne annette anthony antonio april arlene arnold arthur ashley audrey barbara barry beatrice
becky ben benjamin bernard bernice bertha beth betty beverly bill billy bob bobby bonnie brad
bradley brandon brenda brian bridget brittany bruce bryan calvin carl carla carlos carmen carol
caroline carolyn carrie catherine cathy cecilia charlene charles charlotte cheryl chris
christina christine christopher cindy claire clara clarence claude claudia clifford clyde cody
colleen connie constance craig crystal curtis cynthia daisy dale dan dana daniel danielle danny
darlene darren dave david dawn dean debbie deborah debra delores denise dennis derek diana diane
dianne dolores dominic don donald donna doris dorothy doug douglas duane dustin dwayne earl
eddie edgar edith edna eduardo edward edwin eileen elaine eleanor elena elizabeth ellen elmer
eloise emily emma eric erica erik erin ernest esther ethel eugene eva evelyn felix fernando
florence frances francis francisco frank franklin fred freda frederick gabriel gail gary gene
geneva george georgia gerald geraldine gertrude gilbert gina glen glenda glenn gloria gordon
greg gregory gwendolyn harold harriet harry harvey hazel heather hector helen henry herbert
herman hilda howard hugh ian ida irene iris isabel jack jackie jacob jacqueline james jamie jan
jane janet janice jared jason jean jeanette jeanne jeff jeffrey jennifer jenny jeremy jerome
jerry jesse jessica jesus jill jim jimmy jo joan joann joanne joe joel johanna john johnny jon
jonathan jorge jose joseph josephine joshua joyce juan juanita judith judy julia julian julie
june justin karen karl katherine kathleen kathryn kathy katie kay keith kelly ken kenneth kevin
kim kimberly kirk kristen kristin kurt kyle larry laura lauren laurie lawrence leah lee leo leon
leonard leroy leslie lester lillian linda lindsay lisa liz lloyd lois lorraine louis louise lucille
lucy luis lydia lynn mabel manuel marcia marcus margaret maria marian marie marilyn mario marion
marjorie marlene marsha martha martin marvin mary maryann matthew maureen maurice max megan
melanie melissa melvin michael michele michelle miguel mike mildred milton miriam molly monica
nancy naomi natalie nathan neil nellie nicholas nicole nina norma norman olga oliver olivia
oscar pamela patricia patrick paul paula pauline pearl peggy peter philip phillip phyllis
priscilla rachel ralph ramon randall randy raymond rebecca regina renee rhonda ricardo richard
rick ricky rita robert roberta roberto robin rodney roger roland ron ronald rosa rosalie rose
rosemary ross roy ruby russell ruth ryan sally salvatore sam samantha samuel sandra sara sarah
scott sean shannon sharon sheila shelley sherry shirley sidney simon sonia sophia stanley
stella stephanie stephen steve steven stuart susan suzanne sylvia tamara tammy tanya ted teresa
terri terry thelma theodore theresa thomas tim timothy tina todd tom tommy tony tracy travis
troy tyler valerie vanessa vernon veronica vicki victor victoria vincent viola violet virginia
vivian walter wanda warren wayne wendy wesley willard william willie wilma yolanda yvonne zachary
`;

const LAST = `
abbott adams aguilar alexander allen alvarez anderson andrews armstrong arnold bailey baker
barnes barrett bates becker bennett bishop black blake boyd bradley brady brennan brooks
brown bryant burke burns butler byrne callahan campbell carlson carpenter carr carroll carter
casey castillo castro chavez christensen clark cohen coleman collins connolly conway cook cooper
cox crawford cruz cullen cunningham curran daly daniels davidson davis dean delaney diaz dixon
doherty donovan dougherty doyle duffy duncan dunn edwards elliott ellis evans farrell ferguson
fernandez fisher fitzgerald fitzpatrick fleming fletcher flores flynn foley ford foster fox
franklin freeman fuller gallagher garcia gardner garrett gibson gilbert gomez gonzales gonzalez
gordon graham grant gray greene griffin gutierrez hall hamilton hansen harper harris harrison
hart harvey hawkins hayes henderson henry hernandez hicks hill hoffman holland holmes hopkins
howard hudson hughes hunt hunter jackson jacobs james jenkins jensen johnson johnston jones
jordan kane keller kelley kelly kennedy kim king knight kowalski larson lawrence lawson lee
lewis lopez lynch mahoney malone manning marshall martin martinez mason matthews mccarthy
mcdonald mcgrath mckenna mclaughlin meyer miller mills mitchell moore morales moran morgan
morris morrison murphy murray myers nelson nguyen nichols nolan obrien oconnor oconnell olson
ortiz owens palmer parker patel patterson payne perez perry peters peterson phillips pierce
porter powell price quinn ramirez ramos reed reilly reyes reynolds rice richards richardson
riley rivera roberts robertson robinson rodriguez rogers romero rose ross russell ryan sanchez
sanders schmidt schneider schultz scott shapiro shaw shea sheehan silva simmons simpson smith
snyder spencer stanley stephens stevens stewart sullivan sweeney taylor thomas thompson torres
tucker turner vasquez walker wallace walsh ward warren washington watson weaver webb weber
wells welsh wheeler williams williamson willis wilson wong wood woods wright wu young
`;

function words(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

export const FIRST_NAMES: readonly string[] = words(FIRST);
export const SURNAMES: readonly string[] = words(LAST);

/**
 * Names that are also common English or clinical words: they count only with a context cue
 * ("Dr.", "wife", ", RN", a neighbouring name).
 */
export const AMBIGUOUS_NAMES: readonly string[] = words(`
  april art bill black bob brown burns can carpenter case chase christian cook cox daisy dale
  dawn dean faith ford fox frank gene grace grant gray green greene guy hall hart hill hope hunt
  hunter iris ivy jack jan joy june kay king knight lance lee long major mark marshall mason max
  may miles mills page paige pat patient payne pearl penny pierce porter price ray reed rice rich
  rob rod rose ruby sandy sharp shaw stone sue summer terry tucker violet ward warren wells white
  will wolf wood woods young bishop fuller brady rose early amber douglas walker jesus
`);
