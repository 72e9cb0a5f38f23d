/**
 * Prometheus absolute grading prompt: an instruction, the response to grade, a reference answer that scores 5 and a
 * 1..5 rubric; the judge answers "Feedback: ... [RESULT] n". The task description is given in the language of the
 * material (the multilingual judge setting) or kept in English by option; the section headers and the result tag
 * follow the instructions' language, and the parser accepts every tag written here.
 */
import { InputError } from '../../core/errors';

export const JUDGE_INSTRUCTION_LANGUAGES = ['en', 'es', 'eu', 'de', 'fr', 'ja', 'zh', 'ru'] as const;
export type JudgeInstructionLanguage = (typeof JUDGE_INSTRUCTION_LANGUAGES)[number];

interface Template {
  system: string;
  taskHeader: string;
  task: string[];
  instruction: string;
  response: string;
  reference: string;
  rubric: string;
  feedback: string;
  result: string;
  /** "Score n:" in front of each rubric level. */
  score: string;
}

const TEMPLATES: Record<JudgeInstructionLanguage, Template> = {
  en: {
    system:
      'You are a fair judge assistant tasked with providing clear, objective feedback based on specific criteria, ' +
      'ensuring each assessment reflects the absolute standards set for performance.',
    taskHeader: 'Task Description',
    task: [
      'An instruction (might include an Input inside it), a response to evaluate, a reference answer that gets a score of 5, and a score rubric representing an evaluation criteria are given.',
      '1. Write a detailed feedback that assesses the quality of the response strictly based on the given score rubric, not evaluating in general.',
      '2. After writing a feedback, write a score that is an integer between 1 and 5. You should refer to the score rubric.',
      '3. The output format should look as follows: "Feedback: (write a feedback for criteria) [RESULT] (an integer number between 1 and 5)"',
      '4. Please do not generate any other opening, closing, and explanations.',
    ],
    instruction: 'The instruction to evaluate',
    response: 'Response to evaluate',
    reference: 'Reference Answer (Score 5)',
    rubric: 'Score Rubrics',
    feedback: 'Feedback',
    result: 'RESULT',
    score: 'Score',
  },
  es: {
    system:
      'Eres un asistente evaluador imparcial encargado de dar comentarios claros y objetivos según criterios ' +
      'específicos, de modo que cada evaluación refleje los estándares absolutos fijados para el desempeño.',
    taskHeader: 'Descripción de la tarea',
    task: [
      'Se proporcionan una instrucción (que puede incluir una entrada), una respuesta que evaluar, una respuesta de referencia que obtiene una puntuación de 5 y una rúbrica de puntuación que representa un criterio de evaluación.',
      '1. Escribe una retroalimentación detallada que valore la calidad de la respuesta estrictamente según la rúbrica dada, sin evaluarla en general.',
      '2. Después de la retroalimentación, escribe una puntuación que sea un número entero entre 1 y 5. Debes basarte en la rúbrica.',
      '3. El formato de salida debe ser el siguiente: "Retroalimentación: (retroalimentación según el criterio) [RESULTADO] (un número entero entre 1 y 5)"',
      '4. No generes ninguna otra introducción, conclusión ni explicación.',
    ],
    instruction: 'Instrucción que evaluar',
    response: 'Respuesta que evaluar',
    reference: 'Respuesta de referencia (puntuación 5)',
    rubric: 'Rúbrica de puntuación',
    feedback: 'Retroalimentación',
    result: 'RESULTADO',
    score: 'Puntuación',
  },
  eu: {
    system:
      'Epaile laguntzaile zuzena zara: irizpide zehatzen araberako iruzkin argi eta objektiboak ematen dituzu, ' +
      'ebaluazio bakoitzak errendimendurako ezarritako estandar absolutuak isla ditzan.',
    taskHeader: 'Atazaren deskribapena',
    task: [
      'Jarraibide bat (sarrera bat izan dezake barruan), ebaluatu beharreko erantzun bat, 5eko puntuazioa lortzen duen erreferentziazko erantzun bat eta ebaluazio-irizpide bat adierazten duen puntuazio-errubrika bat ematen dira.',
      '1. Idatzi iruzkin zehatz bat, erantzunaren kalitatea emandako errubriken arabera soilik ebaluatzen duena, ez modu orokorrean.',
      '2. Iruzkina idatzi ondoren, idatzi 1 eta 5 arteko zenbaki oso bat den puntuazioa. Errubrikari jarraitu behar diozu.',
      '3. Irteerak formatu hau izan behar du: "Iruzkina: (idatzi irizpideari buruzko iruzkina) [EMAITZA] (1 eta 5 arteko zenbaki osoa)"',
      '4. Ez sortu beste sarrerarik, amaierarik edo azalpenik.',
    ],
    instruction: 'Ebaluatu beharreko jarraibidea',
    response: 'Ebaluatu beharreko erantzuna',
    reference: 'Erreferentziazko erantzuna (5 puntu)',
    rubric: 'Puntuazio-errubrika',
    feedback: 'Iruzkina',
    result: 'EMAITZA',
    score: 'Puntuazioa',
  },
  de: {
    system:
      'Du bist ein fairer Bewertungsassistent, der klares, objektives Feedback nach bestimmten Kriterien gibt, ' +
      'sodass jede Bewertung die absoluten Leistungsstandards widerspiegelt.',
    taskHeader: 'Aufgabenbeschreibung',
    task: [
      'Gegeben sind eine Anweisung (die eine Eingabe enthalten kann), eine zu bewertende Antwort, eine Referenzantwort mit der Punktzahl 5 und ein Bewertungsraster, das ein Bewertungskriterium darstellt.',
      '1. Schreibe ein ausführliches Feedback, das die Qualität der Antwort streng anhand des gegebenen Bewertungsrasters beurteilt, nicht allgemein.',
      '2. Schreibe nach dem Feedback eine Punktzahl, die eine ganze Zahl zwischen 1 und 5 ist. Halte dich dabei an das Bewertungsraster.',
      '3. Die Ausgabe muss so aussehen: "Feedback: (Feedback zum Kriterium) [ERGEBNIS] (eine ganze Zahl zwischen 1 und 5)"',
      '4. Schreibe keine weitere Einleitung, keinen Schluss und keine Erklärungen.',
    ],
    instruction: 'Zu bewertende Anweisung',
    response: 'Zu bewertende Antwort',
    reference: 'Referenzantwort (Punktzahl 5)',
    rubric: 'Bewertungsraster',
    feedback: 'Feedback',
    result: 'ERGEBNIS',
    score: 'Punktzahl',
  },
  fr: {
    system:
      'Vous êtes un assistant évaluateur impartial chargé de fournir un retour clair et objectif selon des critères ' +
      'précis, afin que chaque évaluation reflète les normes absolues fixées pour la performance.',
    taskHeader: 'Description de la tâche',
    task: [
      'On vous donne une consigne (qui peut contenir une entrée), une réponse à évaluer, une réponse de référence qui obtient la note de 5 et une grille de notation représentant un critère d\'évaluation.',
      '1. Rédigez un commentaire détaillé qui évalue la qualité de la réponse strictement selon la grille de notation donnée, et non de manière générale.',
      '2. Après le commentaire, donnez une note qui est un nombre entier entre 1 et 5, en vous référant à la grille de notation.',
      '3. La sortie doit avoir le format suivant : "Commentaire : (commentaire selon le critère) [RÉSULTAT] (un nombre entier entre 1 et 5)"',
      '4. Ne produisez aucune autre introduction, conclusion ni explication.',
    ],
    instruction: 'Consigne à évaluer',
    response: 'Réponse à évaluer',
    reference: 'Réponse de référence (note 5)',
    rubric: 'Grille de notation',
    feedback: 'Commentaire',
    result: 'RÉSULTAT',
    score: 'Note',
  },
  ja: {
    system:
      'あなたは公正な評価アシスタントです。特定の基準に基づいて明確で客観的なフィードバックを行い、' +
      '各評価が定められた絶対的な基準を反映するようにしてください。',
    taskHeader: 'タスクの説明',
    task: [
      '指示（入力を含む場合があります）、評価対象の回答、5点となる参照回答、評価基準を表す採点ルーブリックが与えられます。',
      '1. 一般的な評価ではなく、与えられた採点ルーブリックに厳密に基づいて回答の質を評価する詳細なフィードバックを書いてください。',
      '2. フィードバックを書いた後、1から5までの整数で点数を書いてください。採点ルーブリックを参照してください。',
      '3. 出力形式は次のとおりです:「フィードバック: (基準に関するフィードバック) [結果] (1から5までの整数)」',
      '4. その他の前置き、締めくくり、説明は書かないでください。',
    ],
    instruction: '評価対象の指示',
    response: '評価対象の回答',
    reference: '参照回答（5点）',
    rubric: '採点ルーブリック',
    feedback: 'フィードバック',
    result: '結果',
    score: '点数',
  },
  zh: {
    system: '你是一名公正的评审助手，负责根据具体标准给出清晰、客观的反馈，确保每次评估都体现为表现设定的绝对标准。',
    taskHeader: '任务描述',
    task: [
      '给定一条指令（其中可能包含输入）、一个待评估的回答、一个得分为 5 的参考答案，以及一个代表评估标准的评分细则。',
      '1. 严格依据给定的评分细则撰写详细的反馈来评估回答的质量，而不是泛泛地评价。',
      '2. 写完反馈后，给出一个 1 到 5 之间的整数分数。你应参照评分细则。',
      '3. 输出格式应如下：“反馈：（针对标准的反馈）[结果]（1 到 5 之间的整数）”',
      '4. 不要生成任何其他开场白、结束语或解释。',
    ],
    instruction: '待评估的指令',
    response: '待评估的回答',
    reference: '参考答案（5 分）',
    rubric: '评分细则',
    feedback: '反馈',
    result: '结果',
    score: '分数',
  },
  ru: {
    system:
      'Вы беспристрастный ассистент-оценщик: вы даёте ясные и объективные отзывы по заданным критериям, чтобы ' +
      'каждая оценка отражала абсолютные стандарты качества.',
    taskHeader: 'Описание задачи',
    task: [
      'Даны инструкция (она может содержать входные данные), ответ для оценки, эталонный ответ с оценкой 5 и шкала оценивания, задающая критерий оценки.',
      '1. Напишите подробный отзыв, оценивающий качество ответа строго по данной шкале, а не в целом.',
      '2. После отзыва поставьте оценку — целое число от 1 до 5. Опирайтесь на шкалу оценивания.',
      '3. Формат вывода должен быть таким: "Отзыв: (отзыв по критерию) [РЕЗУЛЬТАТ] (целое число от 1 до 5)"',
      '4. Не пишите никаких других вступлений, заключений и пояснений.',
    ],
    instruction: 'Инструкция для оценки',
    response: 'Ответ для оценки',
    reference: 'Эталонный ответ (оценка 5)',
    rubric: 'Шкала оценивания',
    feedback: 'Отзыв',
    result: 'РЕЗУЛЬТАТ',
    score: 'Оценка',
  },
};

/** Every localized result tag, for the parser. */
export const RESULT_TAGS = [...new Set(Object.values(TEMPLATES).map((t) => t.result))];

export interface Rubric {
  criteria: string;
  /** What earns 1, 2, 3, 4 and 5, in that order. */
  levels: readonly [string, string, string, string, string];
}

/** The default rubric for grading against a reference solution (ExpRL's outcome judge). */
export const REFERENCE_MATCH_RUBRIC: Rubric = {
  criteria: 'Does the response solve the problem as the reference answer does, with correct reasoning and the same final answer?',
  levels: [
    'The response is unrelated to the problem or reaches none of the reference\'s intermediate results.',
    'The response starts in the right direction but its reasoning or arithmetic is mostly wrong.',
    'The response reaches some of the reference\'s intermediate results but not the final answer.',
    'The response reaches the final answer with a minor flaw in its reasoning or presentation.',
    'The response reaches the reference\'s final answer through correct reasoning.',
  ],
};

/** ExpRL's process rubric: how many of the reference's checkpoints the response has reached so far (ours: 1..5 levels). */
export function checkpointRubric(checkpoints: readonly string[]): Rubric {
  if (checkpoints.length === 0) throw new InputError('checkpoint rubric: no checkpoints');
  const list = checkpoints.map((c, i) => `(${i + 1}) ${c}`).join('; ');
  return {
    criteria: `How many of these checkpoints of the reference solution has the response reached so far: ${list}?`,
    levels: [
      'None of the checkpoints is reached.',
      'Less than half of the checkpoints are reached.',
      'About half of the checkpoints are reached.',
      'More than half of the checkpoints are reached, but not all of them.',
      'Every checkpoint is reached, the final answer included.',
    ],
  };
}

export interface JudgePromptInput {
  instruction: string;
  response: string;
  reference: string;
  rubric?: Rubric;
}

export interface JudgePrompt {
  system: string;
  user: string;
  /** The tag this prompt asks for (the parser accepts all of them). */
  resultTag: string;
}

export function isJudgeInstructionLanguage(language: string): language is JudgeInstructionLanguage {
  return (JUDGE_INSTRUCTION_LANGUAGES as readonly string[]).includes(language);
}

/**
 * The grading prompt with its instructions in `language`; a language without a translation here is an InputError
 * (pass 'en' to keep the instructions in English whatever the material's language).
 */
export function judgePrompt(input: JudgePromptInput, language: string = 'en'): JudgePrompt {
  if (!isJudgeInstructionLanguage(language)) {
    throw new InputError(`judge prompt: no instructions in '${language}' (have ${JUDGE_INSTRUCTION_LANGUAGES.join(', ')}; use en)`);
  }
  const t = TEMPLATES[language];
  const rubric = input.rubric ?? REFERENCE_MATCH_RUBRIC;
  const levels = rubric.levels.map((level, i) => `${t.score} ${i + 1}: ${level}`);
  const user = [
    `###${t.taskHeader}:`,
    ...t.task,
    '',
    `###${t.instruction}:`,
    input.instruction,
    '',
    `###${t.response}:`,
    input.response,
    '',
    `###${t.reference}:`,
    input.reference,
    '',
    `###${t.rubric}:`,
    `[${rubric.criteria}]`,
    ...levels,
    '',
    `###${t.feedback}: `,
  ].join('\n');
  return { system: t.system, user, resultTag: t.result };
}
