-- More of the bilingual glossary: the tasks and methods of AI, speech and vision that
-- researchers' English titles name and companies search in Korean (기계번역 = machine
-- translation), and a few terms of the other divisions. ON CONFLICT leaves a term staff
-- already filed alone. Ambiguous abbreviations (QA: question answering or quality
-- assurance; MT) and sub-topics (NMT is a kind of machine translation) are left out.

INSERT INTO synonym (group_key, term) VALUES
    ('machine-translation', '기계번역'), ('machine-translation', '기계 번역'), ('machine-translation', '자동번역'), ('machine-translation', 'machine translation'),
    ('sentiment', '감성분석'), ('sentiment', '감성 분석'), ('sentiment', '감정분석'), ('sentiment', 'sentiment analysis'),
    ('ner', '개체명 인식'), ('ner', '개체명인식'), ('ner', 'named entity recognition'), ('ner', 'NER'),
    ('question-answering', '질의응답'), ('question-answering', '질의 응답'), ('question-answering', 'question answering'),
    ('summarization', '문서요약'), ('summarization', '문서 요약'), ('summarization', '텍스트 요약'), ('summarization', 'text summarization'),
    ('text-classification', '텍스트 분류'), ('text-classification', '문서 분류'), ('text-classification', 'text classification'),
    ('dialogue', '대화시스템'), ('dialogue', '대화 시스템'), ('dialogue', '챗봇'), ('dialogue', 'dialogue system'), ('dialogue', 'chatbot'),
    ('information-retrieval', '정보검색'), ('information-retrieval', '정보 검색'), ('information-retrieval', 'information retrieval'),
    ('speech-synthesis', '음성합성'), ('speech-synthesis', '음성 합성'), ('speech-synthesis', 'speech synthesis'), ('speech-synthesis', 'text-to-speech'), ('speech-synthesis', 'TTS'),
    ('speaker-recognition', '화자인식'), ('speaker-recognition', '화자 인식'), ('speaker-recognition', 'speaker recognition'),
    ('face-recognition', '얼굴인식'), ('face-recognition', '얼굴 인식'), ('face-recognition', 'face recognition'),
    ('pose', '자세추정'), ('pose', '자세 추정'), ('pose', 'pose estimation'),
    ('action-recognition', '행동인식'), ('action-recognition', '행동 인식'), ('action-recognition', 'action recognition'),
    ('image-classification', '이미지 분류'), ('image-classification', '영상 분류'), ('image-classification', 'image classification'),
    ('semantic-segmentation', '의미론적 분할'), ('semantic-segmentation', 'semantic segmentation'),
    ('super-resolution', '초해상도'), ('super-resolution', 'super-resolution'),
    ('3d-reconstruction', '3차원 복원'), ('3d-reconstruction', '3D 복원'), ('3d-reconstruction', '3D reconstruction'),
    ('point-cloud', '포인트 클라우드'), ('point-cloud', '점군'), ('point-cloud', 'point cloud'),
    ('image-generation', '이미지 생성'), ('image-generation', 'image generation'),
    ('diffusion', '확산 모델'), ('diffusion', '확산모델'), ('diffusion', 'diffusion model'),
    ('neural-network', '신경망'), ('neural-network', '인공신경망'), ('neural-network', 'neural network'),
    ('gnn', '그래프 신경망'), ('gnn', '그래프신경망'), ('gnn', 'graph neural network'), ('gnn', 'GNN'),
    ('transfer-learning', '전이학습'), ('transfer-learning', '전이 학습'), ('transfer-learning', 'transfer learning'),
    ('self-supervised', '자기지도학습'), ('self-supervised', '자기 지도 학습'), ('self-supervised', 'self-supervised learning'),
    ('contrastive', '대조학습'), ('contrastive', '대조 학습'), ('contrastive', 'contrastive learning'),
    ('continual', '연속학습'), ('continual', '지속학습'), ('continual', 'continual learning'),
    ('distillation', '지식증류'), ('distillation', '지식 증류'), ('distillation', 'knowledge distillation'),
    ('adversarial', '적대적 공격'), ('adversarial', 'adversarial attack'),
    ('augmentation', '데이터 증강'), ('augmentation', '데이터증강'), ('augmentation', 'data augmentation'),
    ('multimodal', '멀티모달'), ('multimodal', '다중모달'), ('multimodal', '다중 모달'), ('multimodal', 'multimodal'),
    ('wireless-charging', '무선충전'), ('wireless-charging', '무선 충전'), ('wireless-charging', 'wireless charging'),
    ('energy-harvesting', '에너지 하베스팅'), ('energy-harvesting', '에너지하베스팅'), ('energy-harvesting', 'energy harvesting'),
    ('precision-medicine', '정밀의료'), ('precision-medicine', '정밀 의료'), ('precision-medicine', 'precision medicine')
ON CONFLICT (group_key, term) DO NOTHING;
