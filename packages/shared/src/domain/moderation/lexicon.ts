/**
 * The word lists. Kept short on purpose: a teacher reads every flag, so each entry must be
 * something a primary-school teacher would want to see before the class does.
 *
 * Criteria: insults and curses aimed at a person, slurs (race, disability, sexuality, gender),
 * vulgar sexual words, and phrases that urge someone to hurt or kill themselves. Left out: mild
 * words children use all the time (笨蛋, 我靠, stupid, damn), anatomical words a puberty lesson
 * needs (阴茎, penis), words whose clean use is common at school (2B pencils, 打飞机 the game,
 * "pussy cat" the rhyme, 垃圾, 变态 in biology), and a child's own words of distress (我想死): those
 * call for care, not a flag, and are a separate decision.
 *
 * Sources: written by hand for this app, not copied from any list. The English entries are the
 * widely known insults, slurs and sexual words, cut down to the criteria above; the Chinese ones
 * add the well-known internet evasions: pinyin abbreviations (sb, nmsl, cnm, wqnmlgb), homophones
 * (沙比, 草泥马) and split characters (女表子, 弓虽女干). Traditional forms are folded in
 * `confusables.ts`. Review with a Chinese-speaking school psychologist before widening the list.
 *
 * Every form is normalised with `normalizeForMatching` before use, so write forms plainly: no
 * leetspeak, spacing or look-alike variants are needed here.
 */

export const MODERATION_CATEGORIES = ['insult', 'sexual', 'self-harm', 'slur', 'other'] as const;
export type ModerationCategory = (typeof MODERATION_CATEGORIES)[number];

/**
 * Where a Latin form may match. `word` (the default): neither end may touch another letter, so
 * "ass" never matches "class" or "assess". `prefix`: only the start is checked, for words with
 * many endings ("slut", "sluts"). `anywhere`: for forms no clean word contains ("fuck"). Han
 * characters have no word boundaries; their false matches are handled by `CLEAN_WORDS`.
 */
export type Boundary = 'word' | 'prefix' | 'anywhere';

export interface LexiconEntry {
  /** What the teacher is told matched. Also matched itself. */
  readonly term: string;
  readonly category: ModerationCategory;
  readonly boundary?: Boundary;
  /** Other spellings reported as `term`: inflections, abbreviations, homophones. */
  readonly forms?: readonly string[];
}

export const LEXICON: readonly LexiconEntry[] = [
  // English: insults
  { term: 'fuck', category: 'insult', boundary: 'anywhere', forms: ['fvck', 'phuck', 'phuk'] },
  {
    term: 'fuck',
    category: 'insult',
    forms: ['fuk', 'fuks', 'fuking', 'fukin', 'fuker', 'fuq', 'fck', 'fcking', 'fcker', 'fk you'],
  },
  {
    term: 'shit',
    category: 'insult',
    forms: ['shits', 'shitty', 'shithead', 'shitface', 'bullshit', 'dipshit', 'shitting'],
  },
  { term: 'bitch', category: 'insult', boundary: 'anywhere' },
  { term: 'bastard', category: 'insult', forms: ['bastards'] },
  { term: 'asshole', category: 'insult', boundary: 'anywhere', forms: ['arsehole'] },
  { term: 'ass', category: 'insult', forms: ['arse', 'dumbass', 'jackass', 'fatass', 'asshat', 'asswipe'] },
  { term: 'dick', category: 'insult', forms: ['dicks', 'dickhead'] },
  { term: 'cunt', category: 'insult', boundary: 'prefix' },
  { term: 'twat', category: 'insult', forms: ['twats'] },
  { term: 'idiot', category: 'insult', forms: ['idiots'] },
  { term: 'moron', category: 'insult', forms: ['morons'] },
  { term: 'stfu', category: 'insult' },
  { term: 'wtf', category: 'other' },
  // English: sexual
  { term: 'porn', category: 'sexual', boundary: 'anywhere' },
  { term: 'slut', category: 'sexual', boundary: 'prefix' },
  { term: 'whore', category: 'sexual', boundary: 'prefix' },
  { term: 'wank', category: 'sexual', boundary: 'prefix' },
  { term: 'dildo', category: 'sexual', boundary: 'anywhere' },
  { term: 'blowjob', category: 'sexual', boundary: 'anywhere', forms: ['handjob'] },
  { term: 'cocksucker', category: 'sexual', boundary: 'anywhere' },
  { term: 'boobs', category: 'sexual', forms: ['boob', 'boobies'] },
  { term: 'tits', category: 'sexual', forms: ['titties'] },
  { term: 'horny', category: 'sexual' },
  { term: 'jizz', category: 'sexual' },
  { term: 'milf', category: 'sexual' },
  { term: 'hentai', category: 'sexual' },
  { term: 'rape', category: 'sexual', forms: ['raped', 'rapes', 'raping', 'rapist'] },
  // English: slurs
  { term: 'nigger', category: 'slur', boundary: 'prefix' },
  { term: 'nigga', category: 'slur', forms: ['niggas'] },
  { term: 'faggot', category: 'slur', boundary: 'prefix' },
  { term: 'fag', category: 'slur', forms: ['fags'] },
  { term: 'retard', category: 'slur', forms: ['retards', 'retarded'] },
  { term: 'tranny', category: 'slur' },
  { term: 'chink', category: 'slur', forms: ['chinks'] },
  { term: 'spic', category: 'slur', forms: ['spics'] },
  { term: 'kike', category: 'slur', forms: ['kikes'] },
  { term: 'gook', category: 'slur', forms: ['gooks'] },
  // English: urging self-harm
  {
    term: 'kill yourself',
    category: 'self-harm',
    forms: ['kill urself', 'kill ur self', 'kill your self', 'kill yourselves', 'kys', 'kill you self'],
  },
  { term: 'go die', category: 'self-harm', forms: ['go and die', 'you should die', 'hope you die'] },
  { term: 'hang yourself', category: 'self-harm', forms: ['neck yourself'] },
  { term: 'end yourself', category: 'self-harm', forms: ['unalive yourself'] },
  { term: 'slit your wrists', category: 'self-harm' },
  { term: 'drink bleach', category: 'self-harm' },

  // Chinese: insults (with pinyin abbreviations, homophones and split characters)
  {
    term: '傻逼',
    category: 'insult',
    forms: [
      '傻b',
      '傻屄',
      '傻比',
      '傻笔',
      '傻x',
      '傻叉',
      '沙比',
      '沙逼',
      '煞笔',
      '煞逼',
      '煞比',
      'sb',
      'shabi',
      'sha bi',
    ],
  },
  {
    term: '操你妈',
    category: 'insult',
    forms: [
      '操你',
      '操你大爷',
      '草你妈',
      '草泥马',
      '草尼玛',
      '曹尼玛',
      '操尼玛',
      '肏你妈',
      '扌喿你妈',
      'cnm',
      'caonima',
      'cao ni ma',
    ],
  },
  { term: '日你妈', category: 'insult', forms: ['rnm'] },
  { term: '干你娘', category: 'insult' },
  { term: '你妈死了', category: 'insult', forms: ['你妈死', 'nmsl'] },
  { term: '他妈的', category: 'insult', forms: ['特么的', 'tmd'] },
  { term: '去你妈的', category: 'insult' },
  { term: '妈了个逼', category: 'insult', forms: ['你妈逼', '你妈b', 'nmb', 'mlgb', 'nmlgb', 'wqnmlgb'] },
  { term: '狗日的', category: 'insult' },
  { term: '狗娘养的', category: 'insult' },
  { term: '王八蛋', category: 'insult', forms: ['王八羔子'] },
  { term: '混蛋', category: 'insult' },
  { term: '滚蛋', category: 'insult' },
  { term: '白痴', category: 'insult' },
  { term: '蠢货', category: 'insult' },
  { term: '废物', category: 'insult' },
  { term: '人渣', category: 'insult' },
  { term: '贱人', category: 'insult', forms: ['贱种'] },
  { term: '贱货', category: 'insult' },
  { term: '杂种', category: 'insult' },
  { term: '畜生', category: 'insult', forms: ['畜牲'] },
  { term: '神经病', category: 'insult' },
  { term: '丑八怪', category: 'insult' },
  { term: '死胖子', category: 'insult' },
  { term: '死全家', category: 'insult' },
  { term: '全家死光', category: 'insult' },
  { term: '婊子', category: 'insult', forms: ['女表子', '臭婊'] },
  { term: '卧槽', category: 'other', forms: ['我操', '我草', '卧草', '握草', 'wocao'] },
  { term: '操蛋', category: 'other' },
  // Chinese: sexual
  { term: '鸡巴', category: 'sexual' },
  { term: '屌', category: 'sexual' },
  { term: '屄', category: 'sexual', forms: ['尸穴'] },
  { term: '操逼', category: 'sexual' },
  { term: '肏', category: 'sexual' },
  { term: '做爱', category: 'sexual' },
  { term: '约炮', category: 'sexual' },
  { term: '黄片', category: 'sexual' },
  { term: '色情', category: 'sexual' },
  { term: '奶子', category: 'sexual' },
  { term: '骚货', category: 'sexual' },
  { term: '淫荡', category: 'sexual' },
  { term: '强奸', category: 'sexual', forms: ['弓虽奸', '弓虽女干', '强女干'] },
  // Chinese: slurs
  { term: '智障', category: 'slur' },
  { term: '弱智', category: 'slur' },
  { term: '脑残', category: 'slur' },
  { term: '残废', category: 'slur' },
  { term: '黑鬼', category: 'slur' },
  { term: '娘炮', category: 'slur' },
  { term: '死基佬', category: 'slur' },
  { term: '人妖', category: 'slur' },
  // Chinese: urging self-harm
  { term: '去死', category: 'self-harm', forms: ['qusi'] },
  { term: '自杀吧', category: 'self-harm', forms: ['去自杀', '快自杀'] },
  { term: '跳楼吧', category: 'self-harm', forms: ['去跳楼'] },
  { term: '去割腕', category: 'self-harm' },
];

/**
 * Clean words that contain a flagged form across a word boundary (我操场 is not 我操, 生日你妈妈
 * is not 日你妈). A Han match is dropped when one of these overlaps it without lying inside it.
 */
export const CLEAN_WORDS: readonly string[] = [
  // 操
  '操场',
  '操作',
  '体操',
  '做操',
  '早操',
  '出操',
  '课间操',
  '广播操',
  '操心',
  '操练',
  '操纵',
  '操控',
  '操劳',
  '操办',
  '操守',
  '操行',
  '操持',
  '情操',
  '节操',
  '曹操',
  // 草
  '草地',
  '草莓',
  '草原',
  '草坪',
  '草丛',
  '草稿',
  '草帽',
  '草药',
  '草鱼',
  '草屋',
  '草房',
  '草图',
  '草本',
  '草场',
  '草堆',
  '草叶',
  '草绿',
  '草鞋',
  '草书',
  '草率',
  '草草',
  '小草',
  '青草',
  '花草',
  '稻草',
  '干草',
  '野草',
  '水草',
  '杂草',
  '起草',
  '吃草',
  '割草',
  '除草',
  '拔草',
  // 日
  '生日',
  '节日',
  '假日',
  '今日',
  '明日',
  '昨日',
  '每日',
  '周日',
  '星期日',
  '平日',
  '当日',
  '次日',
  '近日',
  '往日',
  '日日',
  '纪念日',
  '休息日',
  '工作日',
  // 去死
  '过去',
  '失去',
  '下去',
  '死海',
  '死皮',
  '死角',
  '死党',
  '死记硬背',
  // others
  '巴不得',
  '种子',
  '生病',
  '生产',
  '废物利用',
  '废物回收',
  '爱心',
  '爱好',
  '爱护',
  '爱国',
  '情绪',
  '情况',
  '情景',
  '情感',
  '情节',
];
