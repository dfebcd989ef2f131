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

/**
 * A second, larger set of frequent US given names and surnames (same sources of general knowledge).
 * Surnames that are also English words are left out; given names that are also English words are
 * in AMBIGUOUS_NAMES (they need a cue).
 */
const FIRST_MORE = `
abby abe ada addie adele adeline adrienne aileen aimee alana alberta alexis alfonso alfredo ali
alisha alison allan allyson alonzo althea alva alyssa amelia amos anastasia andy angelica angelina
angie annabelle annie antoinette antonia archie ariel arturo ashlee aubrey audra augustine aurora
austin ava avery barb barney beatriz belinda benita benny bernadette bert betsy beulah bianca
blaine blanca bradford brendan brent brett briana brianna britney brooke bryce buddy byron caitlin
callie camille candace candice cara carey carissa carlton carmela carmella carolina cassandra
cassie cecil cedric celeste celia chad chandra charity charlie chelsea chester chrissy christa
christi christie christy ciara clarice claudette clayton clement cleo clifton clint clinton colin
conrad consuelo cora corey corinne cornelius cory courtney cristina cyril dallas damian damon
daphne darla darnell darryl daryl deanna deb deena deirdre delia della delphine demetrius denis
desiree devin dewey dexter dina dino dionne dixie domingo dominick donnie dora doreen dorothea dot
drew dwight earnest ebony edmund effie eli elias elisa elise eliza ella ellie elsa elsie elvira
emanuel emil emilio emmett enrique ernesto ervin esperanza essie estelle ester ethan etta eugenia
eula eunice evan evangeline everett fannie felicia felipe flora floyd francesca freddie gabriela
gayle genevieve geoffrey georgina gilberto ginger gladys gregg greta gretchen guadalupe gustavo
gwen hannah hattie heath heidi helena henrietta hollis homer horace hubert hugo ignacio ilene
imogene ines inez ingrid irma irving isaac isabella isaiah ismael ivan jaime jake jamal jana
janelle janie janine jasmine javier jay jeannie jeffery jenna jennie jeremiah jermaine jessie
jimmie joanna jocelyn jodi jody joey johnnie josefina josh josie juana jude jules juliana juliet
julio julius kara kari karin karina karla kate katrina kayla kelli kellie kendra kenny kent kerry
kristi kristina kristy krystal lamar lana latasha latonya laverne lawanda leann leila leland lena
lenora leona leonardo leticia lila lillie lincoln lindsey lionel lola lonnie lora loren lorena
lorene loretta lori louisa lucas lucia lucinda luke lula luther lyle lynda lynette lynne mack
madeline madge mae maggie malcolm mamie mandy marc marcella marci marco margarita margo marguerite
marianne maribel marisa marissa marlon marta marty maryanne matilda matt mattie maude mavis maxine
meghan melba melinda melody mercedes meredith merle micheal millie mindy minnie miranda misty mona
monique muriel myra myrna myron nadine natasha nathaniel neal nelda nettie nichole noah noel nora
olive ollie omar opal ora orlando otis owen pablo pam patrice paulette pedro percy pete phil polly
rachael rafael ramona raquel raul reginald rene robyn rochelle rolando ronnie rosalind rosanne
rosemarie rosetta roxanne ruben rudolph rudy rufus sabrina sadie salvador saul selma sergio seth
shari shaun shawn shelby shelia sheri sherman sherri sheryl silvia sonja sonya sophie stacey stacy
susie tabitha tami tara tasha teri terrance terrence tessa toby toni tonya tracey traci trevor
tricia tyrone velma vera verna vickie vicky virgil wade wendell whitney wilbur wilfred winifred
winston yvette
`;
const LAST_MORE = `
acevedo acosta adkins aguirre alvarado andrade atkins austin avila ayala baldwin ballard barnett
barr barrera benson bentley blackburn blackwell blair blanchard bolton boone bowen boyle bradshaw
briggs buchanan buckley burnett byrd cabrera calderon caldwell calhoun camacho cameron cardenas
carey carson castaneda cervantes clarke clayton clemons cochran coffey conley conrad contreras
cooley copeland cortez crosby cummings davila dawson deleon delgado dickerson dickson dillon
dominguez dorsey dudley dunlap duran durham eaton ellison emerson erickson espinoza estrada everett
ferrell figueroa finley fischer floyd forbes frazier fuentes gaines gallegos galloway garza gibbs
gillespie goodwin gould griffith guerra guerrero guzman haley hammond hampton hancock hanson hardin
harding harmon harrington hartman haynes hebert hendricks hensley herrera hess higgins hinton hobbs
hodge hodges holloway horton houston howell hubbard huber humphrey hutchinson jacobson jarvis
jefferson jennings jimenez juarez kaufman kerr kidd klein knapp knox koch kramer krueger lara
larsen leblanc levine lindsey livingston lucas lyons macdonald maddox maldonado mann marquez
mathews mathis mayer mcbride mccall mccarty mcclain mccormick mccoy mccullough mcdaniel mcfarland
mcgee mcguire mcintosh mcintyre mckay mckee mckinney mcknight mclean mcmahon mcmillan mcneil
mcpherson mejia melendez mendez mendoza merrill meyers middleton miranda molina monroe montgomery
montoya moreno morton mueller mullins munoz nash navarro newman nicholson nielsen nixon norris
norton nunez ochoa odom olsen oneal oneil orr ortega osborne owen pacheco padilla parrish patton
pearson pena pennington petersen phelps pittman poole preston pruitt ramsey randolph rasmussen
reese reid rhodes richmond roberson rocha rodgers rodriquez rollins rosales rosario roth rowe
rowland rubio ruiz russo salas salazar sampson sandoval santiago saunders schroeder schwartz
shaffer shelton sheppard sherman singh solis sosa soto stafford steele stephenson stevenson
strickland suarez sutton swanson talley terrell thornton townsend tran trevino trujillo valdez
vance vargas vaughn vazquez velasquez velez villarreal wagner walters walton watkins weiss whitaker
whitfield whitley wiggins wilcox wilkerson wilkins wilkinson witt wolfe wyatt zamora zimmerman
`;
const AMBIGUOUS_MORE = `
alfredo alison althea amelia angelica ariel aurora ava barb barney benny brent buddy celeste chad
charity charlie christie christy clement clint colin corey cory daphne deb denis dexter dino dixie
dominick dot drew earnest ebony ester eugenia felicia flora ginger heath homer isabella jake
jasmine jay jessie jimmie joanna joey johnnie josh juliet kara kent kerry lana lionel luke mack
madge mae maggie mamie marc marcella margarita marguerite matilda matt mattie mavis melba melody
merle millie minnie misty mona neal nettie noah noel olive ollie opal ora pam pedro polly ramona
ronnie saul shawn tara toby vera wade
`;

export const FIRST_NAMES: readonly string[] = [...words(FIRST), ...words(FIRST_MORE)];
export const SURNAMES: readonly string[] = [...words(LAST), ...words(LAST_MORE)];

/**
 * Names that are also common English or clinical words: they count only with a context cue
 * ("Dr.", "wife", ", RN", a neighbouring name).
 */
export const AMBIGUOUS_NAMES: readonly string[] = [
  ...words(`
  april art bill black bob brown burns can carpenter case chase christian cook cox daisy dale
  dawn dean faith ford fox frank gene grace grant gray green greene guy hall hart hill hope hunt
  hunter iris ivy jack jan joy june kay king knight lance lee long major mark marshall mason max
  may miles mills page paige pat patient payne pearl penny pierce porter price ray reed rice rich
  rob rod rose ruby sandy sharp shaw stone sue summer terry tucker violet ward warren wells white
  will wolf wood woods young bishop fuller brady rose early amber douglas walker jesus
`),
  ...words(AMBIGUOUS_MORE),
];
